package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.model.Words;
import dev.beliefs.parse.utterances.LongUtterances;
import dev.beliefs.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad and extreme inputs, in every format. */
class HostileInputsTest {

  static Stream<String> formatsAndDetection() {
    return Stream.concat(
        Stream.of("detect"), TranscriptFormats.all().stream().map(TranscriptFormat::name));
  }

  static Stream<String> samples() {
    return Stream.of(
        "formats/webvtt_voice_tags_w3c_spec_example.vtt",
        "formats/webvtt_voice_tags_w3c_spec_esme_mary_example.vtt",
        "formats/webvtt_deepgram_captions_tool_output_spacewalk.vtt",
        "formats/srt_deepgram_captions_tool_output_spacewalk.srt",
        "formats/webvtt_voice_tags_deepgram_captions_diarized_doc_example.vtt",
        "formats/srt_speaker_labels_deepgram_captions_diarized_doc_example.srt",
        "formats/youtube_autocaption_vtt_vtt-to-json_meow.en.vtt",
        "formats/whisperx_json_output_reference.json",
        "formats/openai_whisper_verbose_json_api_doc_example.json",
        "formats/whisper_timestamped_json_output_spacewalk.json",
        "formats/assemblyai_transcript_json_utterances_TRUNCATED.json",
        "formats/deepgram_nova2_diarize_paragraphs_utterances_TRUNCATED.json",
        "formats/podcast_json_podcastindex_spec_example.json",
        "formats/podcast_html_podcastindex_spec_example.html",
        "formats/srt_speaker_names_podcastindex_spec_example.srt",
        "formats/srt_no_speakers_podcastindex_example_first_40_cues.srt",
        "formats/webvtt_speaker_names_zoom_layout_reconstructed_spacewalk.vtt",
        "formats/otter_txt_export_reconstructed_spacewalk.txt",
        "formats/markdown_headings_descript_layout_reconstructed_spacewalk.md",
        "formats/youtube_autocaption_punctuated_reconstructed_spacewalk.vtt",
        "conversations/nasa-hwhap-ep218.txt",
        "conversations/gotime-150-excerpt.md");
  }

  @ParameterizedTest
  @MethodSource("formatsAndDetection")
  void emptyWhitespaceBinaryAndInvalidUtf8_failTheSameWayInEveryFormat(String format) {
    Map<String, byte[]> inputs =
        Map.of(
            "empty",
            new byte[0],
            "whitespace",
            " \r\n\t\n".getBytes(StandardCharsets.UTF_8),
            "binary",
            new byte[] {'W', 'E', 'B', 'V', 'T', 'T', '\n', 0, 1, 2},
            "invalid_utf8",
            "{\"segments\": [{\"text\": \"caf\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1));
    TranscriptParser parser = new TranscriptParser(format.equals("detect") ? null : format);

    Map<String, String> reasons =
        inputs.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    input ->
                        assertThrows(
                                TranscriptParseException.class,
                                () -> parser.parse("x", "/in/x.vtt", input.getValue()))
                            .reason()));

    assertEquals(
        Map.of(
            "empty", "empty",
            "whitespace", "empty",
            "binary", "binary",
            "invalid_utf8", "invalid_utf8"),
        reasons);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void byteOrderMarkAndCrlf_parseExactlyAsTheSampleDoes(String sample) throws Exception {
    byte[] original = TestData.bytes(TestData.transcripts().resolve(sample));
    String withCrlf = "\uFEFF" + new String(original, StandardCharsets.UTF_8).replace("\n", "\r\n");
    TranscriptParser parser = new TranscriptParser(null);
    String name = "/in/" + sample.substring(sample.indexOf('/') + 1);

    Transcript plain = parser.parse("x", name, original);
    Transcript windows = parser.parse("x", name, withCrlf.getBytes(StandardCharsets.UTF_8));

    assertEquals(plain.format(), windows.format());
    assertEquals(plain.utterances(), windows.utterances());
  }

  /**
   * One turn of 2,200 sentences of 11 words, and how many utterances it becomes: a caption cue or
   * segment is cut into its sentences; a speaker's turn into parts of at most {@link
   * LongUtterances#MAX_WORDS} words, 90 whole sentences each, so 25.
   */
  static Stream<Arguments> oneTurnOf100000Characters() {
    String turn = "Now I think the orbit is stable, so we go on. ".repeat(2_200).strip();
    String json = turn.replace("\"", "\\\"");
    return Stream.of(
        Arguments.of("long.txt", "**Kay:** " + turn + "\n**Host:** Thanks.\n", 25),
        Arguments.of("long.vtt", "WEBVTT\n\n00:01.000 --> 09:00.000\n<v Kay>" + turn + "\n", 2_200),
        Arguments.of(
            "long.srt", "1\n00:00:01,000 --> 00:09:00,000\n[speaker 0]\n" + turn + "\n", 2_200),
        Arguments.of(
            "long.json",
            "{\"segments\": [{\"start\": 1, \"end\": 540, \"text\": \"" + json + "\"}]}",
            2_200),
        Arguments.of(
            "long.json",
            "{\"utterances\": [{\"speaker\": \"Kay\", \"text\": \"" + json + "\"}]}",
            25));
  }

  @ParameterizedTest
  @MethodSource("oneTurnOf100000Characters")
  void aTurnOf100000Characters_becomesSeveralUtterancesOfItsSpeakerThatFitAChunk(
      String fileName, String text, int expectedParts) throws Exception {
    assertTrue(text.length() > 100_000);

    List<Utterance> utterances =
        new TranscriptParser(null)
            .parse("x", "/in/" + fileName, text.getBytes(StandardCharsets.UTF_8))
            .utterances();

    List<Utterance> parts = utterances.stream().filter(u -> !u.speaker().equals("Host")).toList();
    assertEquals(1, parts.stream().map(Utterance::speaker).distinct().count());
    assertEquals(expectedParts, parts.size());
    assertTrue(
        parts.stream()
            .allMatch(
                part ->
                    Words.count(part.text()) <= LongUtterances.MAX_WORDS
                        && part.text().length() <= LongUtterances.MAX_CHARS
                        && part.text().endsWith("on.")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vtt", "srt", "json", "txt"})
  void fiveHundredSpeakers_eachKeepTheirName(String extension) throws Exception {
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      turns.add(turn(extension, i, i, "I think number " + i + " is the best."));
    }
    String text =
        switch (extension) {
          case "vtt" -> "WEBVTT\n\n" + String.join("\n", turns);
          case "json" -> "{\"segments\": [" + String.join(",", turns) + "]}";
          default -> String.join("\n", turns);
        };

    List<Utterance> utterances =
        new TranscriptParser(null)
            .parse("x", "/in/many." + extension, text.getBytes(StandardCharsets.UTF_8))
            .utterances();

    assertEquals(500, utterances.size());
    assertEquals(500, utterances.stream().map(Utterance::speaker).distinct().count());
    assertEquals("Speaker 499", utterances.get(499).speaker());
    assertEquals("I think number 499 is the best.", utterances.get(499).text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vtt", "srt", "json", "txt"})
  void oneSpeakerThroughout_isCutIntoItsSentences_withTheirTimes(String extension)
      throws Exception {
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      turns.add(turn(extension, i, 7, "Line " + i + " three four five six seven eight nine ten."));
    }
    String text =
        switch (extension) {
          case "vtt" -> "WEBVTT\n\n" + String.join("\n", turns);
          case "json" -> "{\"segments\": [" + String.join(",", turns) + "]}";
          default -> String.join("\n", turns);
        };

    List<Utterance> utterances =
        new TranscriptParser(null)
            .parse("x", "/in/one." + extension, text.getBytes(StandardCharsets.UTF_8))
            .utterances();

    assertTrue(utterances.stream().allMatch(u -> u.speaker().equals("Speaker 7")));
    // Labelled turns are kept as the transcript wrote them; cues and segments of one speaker
    // are cut into sentences, here one a cue, each with its cue's times.
    assertEquals(3_000, utterances.size());
    if (!extension.equals("txt")) {
      assertEquals(2.0, utterances.get(1).startSeconds());
      assertEquals(4.0, utterances.get(1).endSeconds());
    }
  }

  /**
   * Turn {@code i}, 2 seconds long, of {@code Speaker <speaker>} as each format labels it, in the
   * format of the extension.
   */
  private static String turn(String extension, int i, int speaker, String words) {
    String start = String.format("%02d:%02d:%02d.000", i * 2 / 3600, i * 2 / 60 % 60, i * 2 % 60);
    int endSeconds = i * 2 + 2;
    String end =
        String.format(
            "%02d:%02d:%02d.000", endSeconds / 3600, endSeconds / 60 % 60, endSeconds % 60);
    return switch (extension) {
      case "vtt" -> start + " --> " + end + "\n<v Speaker " + speaker + ">" + words + "\n";
      case "srt" ->
          (i + 1)
              + "\n"
              + start.replace('.', ',')
              + " --> "
              + end.replace('.', ',')
              + "\n[speaker "
              + speaker
              + "]\n"
              + words
              + "\n";
      case "json" ->
          String.format(
              "{\"start\": %d, \"end\": %d, \"speaker\": \"Speaker %d\", \"text\": \"%s\"}",
              i * 2, endSeconds, speaker, words);
      default -> "**Speaker " + speaker + ":** " + words;
    };
  }
}
