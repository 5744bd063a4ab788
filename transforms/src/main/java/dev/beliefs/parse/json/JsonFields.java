package dev.beliefs.parse.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.parse.TranscriptParseException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reading the fields of one element of a tool's JSON, with a {@code wrong_shape} failure that names
 * the element and field when a value has the wrong type.
 */
public final class JsonFields {

  private JsonFields() {}

  public static void requireObject(JsonNode element, String where) throws TranscriptParseException {
    if (!element.isObject()) {
      throw new TranscriptParseException("wrong_shape", where + " must be an object");
    }
  }

  /** A string field, or null when it is missing or null. */
  public static @Nullable String text(JsonNode element, String field, String where)
      throws TranscriptParseException {
    JsonNode value = element.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new TranscriptParseException("wrong_shape", where + "." + field + " must be a string");
    }
    return value.textValue();
  }

  /** A speaker label, written as a string or a whole number; null when missing or null. */
  public static @Nullable String label(JsonNode element, String field, String where)
      throws TranscriptParseException {
    JsonNode value = element.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    throw new TranscriptParseException(
        "wrong_shape", where + "." + field + " must be a string or a whole number");
  }

  /**
   * A time, converted to seconds; null when missing or null.
   *
   * @param perSecond units of the field per second: 1 for seconds, 1000 for milliseconds
   */
  public static @Nullable Double seconds(
      JsonNode element, String field, double perSecond, String where)
      throws TranscriptParseException {
    JsonNode value = element.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    double seconds = value.isNumber() ? value.doubleValue() / perSecond : Double.NaN;
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new TranscriptParseException(
          "wrong_shape",
          where
              + "."
              + field
              + " must be a time in "
              + (perSecond == 1 ? "seconds" : "milliseconds")
              + ", a number >= 0");
    }
    return seconds;
  }
}
