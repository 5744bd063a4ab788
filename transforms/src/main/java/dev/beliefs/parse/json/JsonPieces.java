package dev.beliefs.parse.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;

/**
 * The elements of one array of a JSON document as {@link SpeechPieces}, streamed ({@link
 * JsonArrays}) each time they are read.
 */
public final class JsonPieces implements SpeechPieces {

  /** Reads one element of the array into a piece. */
  @FunctionalInterface
  public interface ElementReader {
    void read(JsonNode element, String where, Handler handler) throws TranscriptParseException;
  }

  private final String json;
  private final String array;
  private final ElementReader reader;
  private boolean found;

  /**
   * @param array the array's path, as {@link JsonArrays#forEachElement} takes it
   */
  public JsonPieces(String json, String array, ElementReader reader) {
    this.json = json;
    this.array = array;
    this.reader = reader;
  }

  @Override
  public void forEach(Handler handler) throws TranscriptParseException {
    found =
        JsonArrays.forEachElement(
            json, array, (element, where) -> reader.read(element, where, handler));
  }

  /** Whether the document held the array, as of the last {@link #forEach}. */
  boolean found() {
    return found;
  }

  /**
   * The utterances of a top-level {@code segments} array whose entries hold their words, speaker
   * and times (seconds) in the named fields.
   *
   * @throws TranscriptParseException {@code wrong_shape} without the array, {@code no_speech} when
   *     it holds no words
   */
  public static List<Utterance> segments(
      String json, String wordsField, String startField, String endField, String expected)
      throws TranscriptParseException {
    JsonPieces segments =
        new JsonPieces(
            json,
            "segments",
            (segment, where, piece) -> {
              JsonFields.requireObject(segment, where);
              String words = JsonFields.text(segment, wordsField, where);
              piece.accept(
                  JsonFields.label(segment, "speaker", where),
                  JsonFields.seconds(segment, startField, 1, where),
                  JsonFields.seconds(segment, endField, 1, where),
                  words == null ? "" : words);
            });
    List<Utterance> utterances = SpeechPieces.utterances(segments);
    if (!segments.found()) {
      throw new TranscriptParseException("wrong_shape", "expected " + expected);
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException("no_speech", "the segments hold no " + wordsField);
    }
    return utterances;
  }
}
