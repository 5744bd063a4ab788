package dev.beliefs.parse.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.parse.TranscriptParseException;
import java.io.IOException;

/**
 * Streams the elements of one array inside a JSON document, so that a large file is never held as a
 * tree: only one element at a time is. The array is named by a path such as {@code segments} or
 * {@code results.channels[].alternatives[].paragraphs.paragraphs}, where {@code []} steps into an
 * array's first element. The whole document is read, so a truncated or otherwise invalid file fails
 * with reason {@code invalid_json} even after the array was found.
 */
public final class JsonArrays {

  private JsonArrays() {}

  @FunctionalInterface
  public interface ElementHandler {
    /**
     * @param where the element's path for messages, such as {@code segments[12]}
     */
    void accept(JsonNode element, String where) throws TranscriptParseException;
  }

  /**
   * @return whether the document holds an array at {@code path}; false when it is missing or null
   * @throws TranscriptParseException {@code invalid_json} for a document that is not JSON, {@code
   *     wrong_shape} when the top is not an object or {@code path} holds something else than an
   *     array, or whatever {@code handler} throws
   */
  public static boolean forEachElement(String json, String path, ElementHandler handler)
      throws TranscriptParseException {
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new TranscriptParseException(
            "wrong_shape", "expected a JSON object at the top, with an array at '" + path + "'");
      }
      boolean found = find(parser, path.split("\\."), 0, handler);
      if (parser.nextToken() != null) {
        throw new TranscriptParseException(
            "invalid_json", "not valid JSON: more follows the document at " + where(parser));
      }
      return found;
    } catch (JsonProcessingException e) {
      throw new TranscriptParseException("invalid_json", "not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new TranscriptParseException("invalid_json", "not valid JSON: " + e.getMessage());
    }
  }

  /** Reads the object the parser is at to its end, descending along {@code steps}. */
  private static boolean find(JsonParser parser, String[] steps, int step, ElementHandler handler)
      throws IOException, TranscriptParseException {
    boolean last = step == steps.length - 1;
    boolean intoFirstElement = steps[step].endsWith("[]");
    String field =
        intoFirstElement ? steps[step].substring(0, steps[step].length() - 2) : steps[step];
    boolean found = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean match = parser.currentName().equals(field);
      JsonToken value = parser.nextToken();
      if (!match || value == JsonToken.VALUE_NULL) {
        parser.skipChildren();
      } else if (last) {
        requireArray(value, steps);
        String where = String.join(".", steps);
        for (int i = 0; next(parser) != JsonToken.END_ARRAY; i++) {
          handler.accept(Json.MAPPER.readTree(parser), where + "[" + i + "]");
        }
        found = true;
      } else if (intoFirstElement) {
        requireArray(value, steps);
        JsonToken first = next(parser);
        if (first == JsonToken.START_OBJECT) {
          found |= find(parser, steps, step + 1, handler);
        } else {
          parser.skipChildren();
        }
        if (first != JsonToken.END_ARRAY) {
          skipRestOfArray(parser);
        }
      } else if (value == JsonToken.START_OBJECT) {
        found |= find(parser, steps, step + 1, handler);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  private static void requireArray(JsonToken value, String[] steps)
      throws TranscriptParseException {
    if (value != JsonToken.START_ARRAY) {
      throw new TranscriptParseException(
          "wrong_shape",
          "expected an array at '" + String.join(".", steps) + "', found " + kind(value));
    }
  }

  /** The next token; the end of the input inside the document is an error, never a null. */
  static JsonToken next(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new JsonParseException(parser, "Unexpected end of the document");
    }
    return token;
  }

  /** Skips the elements after the current one up to the array's end. */
  static void skipRestOfArray(JsonParser parser) throws IOException {
    while (next(parser) != JsonToken.END_ARRAY) {
      parser.skipChildren();
    }
  }

  static String kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> "null";
    };
  }

  static String describe(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    return location == null
        ? message
        : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  static String where(JsonParser parser) {
    JsonLocation location = parser.currentLocation();
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
