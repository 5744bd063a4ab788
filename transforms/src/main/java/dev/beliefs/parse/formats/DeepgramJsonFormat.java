package dev.beliefs.parse.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonFields;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.json.JsonPieces;
import dev.beliefs.parse.utterances.SpeakerTurns;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;
import java.util.StringJoiner;

/**
 * A Deepgram pre-recorded transcription response. It is recognised by a top-level {@code results}
 * object with {@code channels} or {@code utterances}. The first source present is read:
 *
 * <ol>
 *   <li>{@code paragraphs} of the first channel's first alternative ({@code paragraphs=true}):
 *       speaker turns as Deepgram cut them, each paragraph's sentences joined;
 *   <li>{@code results.utterances} ({@code utterances=true});
 *   <li>the first alternative's {@code words}, punctuated where Deepgram punctuated them.
 * </ol>
 *
 * Speakers come from {@code diarize=true} as numbers: {@code 0} becomes {@code Speaker 0}; without
 * them the file is speaker {@value SpeakerTurns#UNNAMED}'s, cut into sentences. Times are seconds.
 * Further channels of a multichannel response are not read.
 */
public final class DeepgramJsonFormat implements TranscriptFormat {

  private static final String ALTERNATIVE = "results.channels[].alternatives[].";

  @Override
  public String name() {
    return "deepgram-json";
  }

  @Override
  public String expects() {
    return "a Deepgram response: 'results' with 'channels[].alternatives[]' or 'utterances'";
  }

  @Override
  public int resemblance(String fileName, String text) {
    return JsonOutline.of(text).has("results") ? 1 : 0;
  }

  @Override
  public boolean claims(String fileName, String text) {
    JsonOutline outline = JsonOutline.of(text);
    return outline.has("results.channels[].alternatives") || outline.has("results.utterances");
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    List<Utterance> utterances =
        SpeechPieces.utterances(
            read(text, ALTERNATIVE + "paragraphs.paragraphs", Speech::sentences));
    if (utterances.isEmpty()) {
      utterances = SpeechPieces.utterances(read(text, "results.utterances", Speech::transcript));
    }
    if (utterances.isEmpty()) {
      utterances = SpeechPieces.utterances(read(text, ALTERNATIVE + "words", Speech::word));
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech",
          "found no paragraphs, utterances or words with text under 'results'; transcribe with"
              + " diarize=true and paragraphs=true or utterances=true");
    }
    return utterances;
  }

  private static JsonPieces read(String text, String array, Speech speech) {
    return new JsonPieces(
        text,
        array,
        (entry, where, piece) -> {
          JsonFields.requireObject(entry, where);
          piece.accept(
              JsonFields.label(entry, "speaker", where),
              JsonFields.seconds(entry, "start", 1, where),
              JsonFields.seconds(entry, "end", 1, where),
              speech.of(entry, where));
        });
  }

  /** Where the words of a paragraph, an utterance or a word entry are. */
  @FunctionalInterface
  private interface Speech {
    String of(JsonNode entry, String where) throws TranscriptParseException;

    static String sentences(JsonNode paragraph, String where) throws TranscriptParseException {
      JsonNode sentences = paragraph.path("sentences");
      if (!sentences.isArray()) {
        throw new TranscriptParseException(
            "wrong_shape", where + ".sentences must be an array of {text, start, end}");
      }
      StringJoiner joined = new StringJoiner(" ");
      for (int i = 0; i < sentences.size(); i++) {
        String sentence = where + ".sentences[" + i + "]";
        JsonFields.requireObject(sentences.get(i), sentence);
        String words = JsonFields.text(sentences.get(i), "text", sentence);
        joined.add(words == null ? "" : words);
      }
      return joined.toString();
    }

    static String transcript(JsonNode utterance, String where) throws TranscriptParseException {
      String words = JsonFields.text(utterance, "transcript", where);
      return words == null ? "" : words;
    }

    static String word(JsonNode word, String where) throws TranscriptParseException {
      String punctuated = JsonFields.text(word, "punctuated_word", where);
      String plain = punctuated != null ? punctuated : JsonFields.text(word, "word", where);
      return plain == null ? "" : plain;
    }
  }
}
