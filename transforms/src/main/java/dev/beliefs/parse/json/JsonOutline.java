package dev.beliefs.parse.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The shape of a JSON document, for telling the JSON formats apart without building it in memory:
 * the paths that hold a non-null value, such as {@code segments}, {@code segments[]} (the array has
 * an element) and {@code segments[].text}. Only the first element of each array is looked into, and
 * only {@value #MAX_DEPTH} levels deep; the rest is skipped as it streams past. A document that is
 * not valid JSON keeps the paths seen before the error, so that a truncated file is still
 * recognised and then fails to parse with a message that says where it ends.
 */
public final class JsonOutline {

  private static final int MAX_DEPTH = 10;
  private static final int MAX_PATHS = 10_000;

  private final Set<String> paths = new HashSet<>();
  private @Nullable String error;
  private boolean object;

  private JsonOutline() {}

  public static JsonOutline of(String text) {
    JsonOutline outline = new JsonOutline();
    if (!looksLikeJson(text)) {
      outline.error = "it does not start with '{' or '['";
      return outline;
    }
    try (JsonParser parser = Json.MAPPER.createParser(text)) {
      JsonToken root = parser.nextToken();
      outline.object = root == JsonToken.START_OBJECT;
      outline.walk(parser, root, "", 0);
      if (parser.nextToken() != null) {
        outline.error = "more follows the document at " + JsonArrays.where(parser);
      }
    } catch (JsonProcessingException e) {
      outline.error = JsonArrays.describe(e);
    } catch (IOException e) {
      outline.error = e.getMessage();
    }
    return outline;
  }

  /** Whether the document is a JSON object at the top, valid or not. */
  boolean isObject() {
    return object;
  }

  public boolean has(String path) {
    return paths.contains(path);
  }

  /** Why the document is not valid JSON, or null when it is. */
  public @Nullable String error() {
    return error;
  }

  private void walk(JsonParser parser, JsonToken token, String path, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      parser.skipChildren();
    } else if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
        JsonToken value = parser.nextToken();
        record(field, value);
        walk(parser, value, field, depth + 1);
      }
    } else if (token == JsonToken.START_ARRAY) {
      JsonToken first = JsonArrays.next(parser);
      if (first != JsonToken.END_ARRAY) {
        record(path + "[]", first);
        walk(parser, first, path + "[]", depth + 1);
        JsonArrays.skipRestOfArray(parser);
      }
    }
  }

  private void record(String path, JsonToken value) {
    if (value != JsonToken.VALUE_NULL && paths.size() < MAX_PATHS) {
      paths.add(path);
    }
  }

  /** Whether the text starts, after whitespace, as a JSON object or array does. */
  public static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }
}
