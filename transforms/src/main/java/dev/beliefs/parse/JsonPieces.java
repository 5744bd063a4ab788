package dev.beliefs.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The elements of one array of a JSON document as {@link SpeechPieces}, streamed ({@link
 * JsonArrays}) each time they are read.
 */
final class JsonPieces implements SpeechPieces {

  /** Reads one element of the array into a piece. */
  @FunctionalInterface
  interface ElementReader {
    void read(JsonNode element, String where, Handler handler) throws TranscriptParseException;
  }

  private final String json;
  private final String array;
  private final ElementReader reader;
  private boolean found;

  /**
   * @param array the array's path, as {@link JsonArrays#forEachElement} takes it
   */
  JsonPieces(String json, String array, ElementReader reader) {
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
}
