package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.beliefs.json.Json;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.model.Words;
import dev.beliefs.parse.utterances.LongUtterances;
import dev.beliefs.testing.TestData;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the bytes, {@link TranscriptParser#parse} returns a well-formed transcript (every
 * utterance with a speaker and text, times that never run backwards) or throws {@link
 * TranscriptParseException}, never another exception or error: for detection under any file name,
 * and for every format forced on any input. Inputs range from arbitrary bytes to text built from
 * each format's own markup, random JSON trees of the tools' field names, real samples with random
 * edits, and long runs of markup that would overflow the stack of a recursive regex.
 */
class TranscriptParserPropertiesTest {

  private static final List<String> FILE_NAMES =
      List.of(
          "a.vtt", "a.srt", "a.json", "a.txt", "a.md", "a", "a.VTT", "a.en.vtt", "a.xml", "a.html");

  private static final List<String> SAMPLES =
      List.of(
          "webvtt_voice_tags_w3c_spec_example.vtt",
          "webvtt_voice_tags_w3c_spec_esme_mary_example.vtt",
          "webvtt_deepgram_captions_tool_output_spacewalk.vtt",
          "srt_deepgram_captions_tool_output_spacewalk.srt",
          "webvtt_voice_tags_deepgram_captions_diarized_doc_example.vtt",
          "srt_speaker_labels_deepgram_captions_diarized_doc_example.srt",
          "youtube_autocaption_vtt_vtt-to-json_meow.en.vtt",
          "whisperx_json_output_reference.json",
          "openai_whisper_verbose_json_api_doc_example.json",
          "whisper_timestamped_json_output_spacewalk.json",
          "assemblyai_transcript_json_utterances_TRUNCATED.json",
          "deepgram_nova2_diarize_paragraphs_utterances_TRUNCATED.json",
          "podcast_json_podcastindex_spec_example.json",
          "podcast_html_podcastindex_spec_example.html",
          "srt_speaker_names_podcastindex_spec_example.srt",
          "srt_no_speakers_podcastindex_example_first_40_cues.srt",
          "webvtt_speaker_names_zoom_layout_reconstructed_spacewalk.vtt",
          "otter_txt_export_reconstructed_spacewalk.txt",
          "markdown_headings_descript_layout_reconstructed_spacewalk.md",
          "youtube_autocaption_punctuated_reconstructed_spacewalk.vtt");

  /** Pieces of every format's markup, valid and broken. */
  private static final List<String> MARKUP =
      List.of(
          "WEBVTT\n",
          "\n",
          "\n\n",
          " ",
          "\t",
          "\r\n",
          "\r",
          "\uFEFF",
          "1\n",
          "00:00:01.000 --> 00:00:02.000\n",
          "00:01.500 --> 00:03.000 align:left size:50%\n",
          "00:00:01,000 --> 00:00:02,000\n",
          "99:99:99.999 --> 00:00:00.000\n",
          "00:00:05.000 --> 00:00:01.000\n",
          "-->",
          "<v Bob>",
          "<v.loud Ann Lee>",
          "</v>",
          "<v>",
          "<v ",
          "<i>",
          "</i>",
          "<i>laughs</i>",
          "<c.colorE5E5E5>",
          "</c>",
          "<00:00:01.200>",
          "<",
          ">",
          "[Music]",
          "(applause)",
          "[",
          "]",
          "[speaker 0]\n",
          "[SPEAKER_01]: ",
          "Speaker 2: ",
          "NOTE here\n",
          "STYLE\n::cue { color: red }\n",
          "Kind: captions\n",
          "&amp;",
          "&#x1F600;",
          "&#0;",
          "&#55296;",
          "&#99999999;",
          "&",
          "{\\an8}",
          "Alice: ",
          "**Bob:** ",
          "Host (Gary Jordan): ",
          "Gary Jordan (Host): ",
          "\\[00:03:54.26\\] ",
          "[01:02] ",
          "# ",
          "---\n",
          "**",
          ":",
          ".",
          "I think so. ",
          "No way! ",
          "\u2019",
          "\uD83D\uDE00",
          "\u00e9",
          "word ",
          "<cite>Ann:</cite>",
          "<time>0:09</time>",
          "<time>9:99:99</time>",
          "<p>",
          "</p>",
          "<p><cite>Bo</cite> hi",
          "&#39;",
          "Ann Lee  0:03  \n",
          "  12:34\n",
          "Transcribed by https://otter.ai\n",
          "**Ann** (00:00:01):\n",
          "**Bo** [01:02]: ",
          "[00:00:03] Ann: ",
          "00:00:03 Bo: ",
          "(00:00:03) Ann: ",
          "Speaker 1 (00:03): ",
          "Ann\uFF1A",
          "\u5F20\u4F1F\uFF1A",
          "alice: ",
          "ORAL ARGUMENT OF ROBERT A. LONG\n",
          "[EXCERPT ENDS]",
          "(Whereupon, it ended.)",
          "Note: ",
          "The key is:\n",
          "\u3002",
          "Yes. ",
          "Mr. ");

  private static final List<String> JSON_KEYS =
      List.of(
          "segments",
          "utterances",
          "results",
          "channels",
          "alternatives",
          "paragraphs",
          "sentences",
          "words",
          "text",
          "transcript",
          "speaker",
          "start",
          "end",
          "start_seconds",
          "end_seconds",
          "audio_url",
          "punctuated_word",
          "word",
          "title",
          "language",
          "version",
          "body",
          "startTime",
          "endTime");

  @Property(tries = 400)
  void anyBytes_underAnyName(
      @ForAll @Size(max = 400) byte[] bytes, @ForAll("fileNames") String fileName) {
    parsesOrFailsCleanly(null, fileName, bytes);
  }

  @Property(tries = 400)
  void anyText_forcedIntoAnyFormat(
      @ForAll("formatNames") String format, @ForAll @Size(max = 400) String text) {
    parsesOrFailsCleanly(format, "a.txt", utf8(text));
  }

  @Property(tries = 1500)
  void markupOfEveryFormat_detectedOrForced(
      @ForAll("markup") String text,
      @ForAll("fileNames") String fileName,
      @ForAll("formatNamesOrDetect") String format) {
    parsesOrFailsCleanly(format.isEmpty() ? null : format, fileName, utf8(text));
  }

  @Property(tries = 1000)
  void labelShapedLines_detectedOrForced(
      @ForAll("labelledLines") String text,
      @ForAll("fileNames") String fileName,
      @ForAll("formatNamesOrDetect") String format) {
    parsesOrFailsCleanly(format.isEmpty() ? null : format, fileName, utf8(text));
  }

  @Property(tries = 600)
  void jsonTreesOfTheToolsFieldNames(
      @ForAll("jsonDocuments") String json, @ForAll("formatNamesOrDetect") String format) {
    parsesOrFailsCleanly(format.isEmpty() ? null : format, "a.json", utf8(json));
  }

  @Property(tries = 600)
  void eachToolsJsonShape_withGoodAndBadFieldValues(@ForAll("toolJson") String json) {
    parsesOrFailsCleanly(null, "a.json", utf8(json));
  }

  @Property(tries = 300)
  void eachToolsJsonShape_truncated(
      @ForAll("toolJson") String json, @ForAll @IntRange(min = 0, max = 99) int keepPercent) {
    parsesOrFailsCleanly(
        null, "a.json", utf8(json.substring(0, json.length() * keepPercent / 100)));
  }

  @Property(tries = 1000)
  void samplesWithRandomEdits(
      @ForAll("samples") String sample,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
      @ForAll @Size(max = 6) List<@From("markupPiece") String> inserts,
      @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
    StringBuilder text = new StringBuilder(TestData.text(TestData.format(sample)));
    for (int i = 0; i < positions.size(); i++) {
      int at = positions.get(i) % (text.length() + 1);
      if (i < inserts.size()) {
        text.insert(at, inserts.get(i));
      } else {
        text.delete(at, Math.min(text.length(), at + positions.get(i) % 50));
      }
    }
    text.setLength(text.length() * keepPercent / 100);
    parsesOrFailsCleanly(null, sample, utf8(text.toString()));
  }

  @Property(tries = 60)
  void longRunsOfMarkup_neverOverflowTheStack(
      @ForAll("markupPiece") String piece,
      @ForAll @IntRange(min = 1_000, max = 30_000) int times,
      @ForAll("formatNamesOrDetect") String format,
      @ForAll("fileNames") String fileName) {
    parsesOrFailsCleanly(
        format.isEmpty() ? null : format, fileName, utf8("WEBVTT\n\n" + piece.repeat(times)));
    parsesOrFailsCleanly(format.isEmpty() ? null : format, fileName, utf8(piece.repeat(times)));
  }

  @Example
  void jsonNested10000Deep_isAParseFailure() {
    for (String json :
        List.of(
            "[".repeat(10_000) + "]".repeat(10_000),
            "{\"segments\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}",
            "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))) {
      for (String format : formats().toList()) {
        parsesOrFailsCleanly(format, "deep.json", utf8(json));
      }
      parsesOrFailsCleanly(null, "deep.json", utf8(json));
    }
  }

  @Provide
  Arbitrary<String> fileNames() {
    return Arbitraries.of(FILE_NAMES);
  }

  @Provide
  Arbitrary<String> formatNames() {
    return Arbitraries.of(formats().toList());
  }

  /** A format to force, or "" to detect. */
  @Provide
  Arbitrary<String> formatNamesOrDetect() {
    return Arbitraries.of(Stream.concat(Stream.of(""), formats()).toList());
  }

  @Provide
  Arbitrary<String> samples() {
    return Arbitraries.of(SAMPLES);
  }

  @Provide
  Arbitrary<String> markupPiece() {
    return Arbitraries.oneOf(
        Arbitraries.of(MARKUP), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6));
  }

  @Provide
  Arbitrary<String> markup() {
    return markupPiece().list().ofMaxSize(80).map(pieces -> String.join("", pieces));
  }

  /** Lines shaped like speaker labels, with names that are odd, empty or only punctuation. */
  @Provide
  Arbitrary<String> labelledLines() {
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                " ",
                ".",
                "..",
                ":",
                "Ann",
                "Ann Lee",
                "Host",
                "Ann (Host)",
                ". (Host)",
                "(Host)",
                "Ann ( )",
                "A (",
                ")",
                "Ann (Host) (Guest)",
                "Ümit Öz",
                "'",
                "-",
                "**"),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8));
    Arbitrary<String> line =
        Combinators.combine(
                Arbitraries.of("", "**", " ", "\\[00:01\\] ", "[00:00:05.5] "),
                name,
                Arbitraries.of(":", ":**", "**:", " :", ""),
                Arbitraries.of("", " hi.", " I think so.", " [laughter]", " \\[Music\\]", " x"))
            .as((open, label, close, speech) -> open + label + close + speech);
    return line.list().ofMaxSize(12).map(lines -> String.join("\n", lines));
  }

  @Provide
  Arbitrary<String> jsonDocuments() {
    Arbitrary<String> whole = jsonObject(3).map(TranscriptParserPropertiesTest::json);
    return Arbitraries.oneOf(
        whole,
        Combinators.combine(whole, Arbitraries.integers().between(0, 100))
            .as((json, percent) -> json.substring(0, json.length() * percent / 100)));
  }

  /**
   * Documents of the shapes Whisper, AssemblyAI, Deepgram and this project write, whose fields are
   * mostly of the right type, sometimes missing, null, negative or of another type.
   */
  @Provide
  Arbitrary<String> toolJson() {
    Arbitrary<Object> time =
        Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.doubles().between(0, 100_000).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.<Object>of("12", -3, Double.MAX_VALUE, List.of())),
            Tuple.of(2, Arbitraries.<Object>just(null)));
    Arbitrary<Object> speech =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.<Object>of("Hello there.", " I think so. ", "", "  ", "a\nb")),
            Tuple.of(8, Arbitraries.strings().ofMaxLength(30).map(Object.class::cast)),
            Tuple.of(1, Arbitraries.<Object>of(5, true, Map.of())),
            Tuple.of(2, Arbitraries.<Object>just(null)));
    Arbitrary<Object> speaker =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.<Object>of("A", "SPEAKER_00", "0", "Kay Taylor", " ")),
            Tuple.of(9, Arbitraries.integers().between(0, 600).map(Object.class::cast)),
            Tuple.of(6, Arbitraries.<Object>just(null)),
            Tuple.of(1, Arbitraries.<Object>of(1.5, List.of())));
    Arbitrary<Map<String, Object>> whisperSegment =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry("text", text, "start", start, "end", end, "speaker", who));
    Arbitrary<Map<String, Object>> assemblyUtterance =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry("text", text, "start", start, "end", end, "speaker", who));
    Arbitrary<Map<String, Object>> beliefsUtterance =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry(
                        "text", text, "start_seconds", start, "end_seconds", end, "speaker", who));
    Arbitrary<Map<String, Object>> deepgramParagraph =
        Combinators.combine(speech.list().ofMaxSize(3), time, time, speaker)
            .as(
                (texts, start, end, who) ->
                    entry(
                        "sentences",
                        texts.stream().map(text -> entry("text", text)).toList(),
                        "start",
                        start,
                        "end",
                        end,
                        "speaker",
                        who));
    Arbitrary<Map<String, Object>> deepgramUtterance =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry("transcript", text, "start", start, "end", end, "speaker", who));
    Arbitrary<Map<String, Object>> podcastSegment =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry("body", text, "startTime", start, "endTime", end, "speaker", who));
    Arbitrary<Map<String, Object>> deepgramWord =
        Combinators.combine(speech, time, time, speaker)
            .as(
                (text, start, end, who) ->
                    entry("punctuated_word", text, "start", start, "end", end, "speaker", who));
    Arbitrary<Object> whisper =
        whisperSegment
            .list()
            .ofMaxSize(5)
            .map(segments -> entry("segments", segments, "text", "x"));
    Arbitrary<Object> assembly =
        Combinators.combine(
                assemblyUtterance.list().ofMaxSize(4).injectNull(0.3),
                assemblyUtterance.list().ofMaxSize(4))
            .as(
                (utterances, words) ->
                    entry("audio_url", "u", "utterances", utterances, "words", words));
    Arbitrary<Object> beliefs =
        beliefsUtterance.list().ofMaxSize(5).map(utterances -> entry("utterances", utterances));
    Arbitrary<Object> deepgram =
        Combinators.combine(
                deepgramParagraph.list().ofMaxSize(4).injectNull(0.3),
                deepgramUtterance.list().ofMaxSize(3).injectNull(0.3),
                deepgramWord.list().ofMaxSize(4))
            .as(
                (paragraphs, utterances, words) ->
                    entry(
                        "results",
                        entry(
                            "channels",
                            List.of(
                                entry(
                                    "alternatives",
                                    List.of(
                                        entry(
                                            "paragraphs",
                                            entry("paragraphs", paragraphs),
                                            "words",
                                            words)))),
                            "utterances",
                            utterances)));
    Arbitrary<Object> podcast =
        podcastSegment
            .list()
            .ofMaxSize(6)
            .map(segments -> entry("version", "1.0.0", "segments", segments));
    return Arbitraries.oneOf(whisper, assembly, beliefs, deepgram, podcast)
        .map(TranscriptParserPropertiesTest::json);
  }

  /** A JSON object of alternating keys and values; null values are written as null. */
  private static Map<String, Object> entry(Object... keysAndValues) {
    Map<String, Object> entry = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return entry;
  }

  private Arbitrary<Object> jsonValue(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.<Object>oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("hi there", "A", "SPEAKER_00", "", " "),
                Arbitraries.integers().between(-5, 200_000),
                Arbitraries.doubles().between(-1, 1e6),
                Arbitraries.<Object>of(Double.MAX_VALUE, true, false))
            .injectNull(0.1);
    if (depth == 0) {
      return scalar;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, scalar),
        Tuple.of(2, jsonValue(depth - 1).list().ofMaxSize(3).map(list -> list)),
        Tuple.of(3, jsonObject(depth - 1)));
  }

  private Arbitrary<Object> jsonObject(int depth) {
    return Arbitraries.maps(Arbitraries.of(JSON_KEYS), jsonValue(depth))
        .ofMaxSize(4)
        .map(map -> map);
  }

  private static Stream<String> formats() {
    return TranscriptFormats.all().stream().map(TranscriptFormat::name);
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses and checks the outcome; any throwable but a parse failure escapes and fails. */
  static void parsesOrFailsCleanly(String format, String fileName, byte[] bytes) {
    Transcript transcript;
    try {
      transcript = new TranscriptParser(format).parse("id", "/in/" + fileName, bytes);
    } catch (TranscriptParseException e) {
      assertFalse(e.reason().isBlank());
      assertFalse(e.getMessage().isBlank());
      Statistics.label("outcome").collect(e.reason());
      return;
    }
    assertWellFormed(transcript);
    Statistics.label("outcome").collect("parsed as " + transcript.format());
  }

  static void assertWellFormed(Transcript transcript) {
    List<Utterance> utterances = transcript.utterances();
    assertFalse(utterances.isEmpty());
    for (int i = 0; i < utterances.size(); i++) {
      Utterance utterance = utterances.get(i);
      assertEquals(i, utterance.index());
      assertFalse(utterance.speaker().isBlank(), utterance.toString());
      assertFalse(utterance.text().isBlank(), utterance.toString());
      assertEquals(utterance.text().strip(), utterance.text());
      assertTrue(utterance.text().length() <= LongUtterances.MAX_CHARS, utterance.toString());
      assertTrue(Words.count(utterance.text()) <= LongUtterances.MAX_WORDS, utterance.toString());
      for (Double time : new Double[] {utterance.startSeconds(), utterance.endSeconds()}) {
        assertTrue(time == null || (time >= 0 && Double.isFinite(time)), utterance.toString());
      }
      if (utterance.startSeconds() != null && utterance.endSeconds() != null) {
        assertTrue(utterance.startSeconds() <= utterance.endSeconds(), utterance.toString());
      }
    }
    List<Double> starts =
        utterances.stream().map(Utterance::startSeconds).filter(start -> start != null).toList();
    for (int i = 1; i < starts.size(); i++) {
      assertTrue(starts.get(i - 1) <= starts.get(i), "starts run backwards: " + starts);
    }
  }
}
