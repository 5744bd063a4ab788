package dev.beliefs.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's own JSON transcript format, for tools that already know who said what:
 *
 * <pre>{@code
 * {"title": "optional",
 *  "utterances": [
 *    {"speaker": "Kay Taylor", "text": "Thanks for having me.", "start_seconds": 12.5,
 *     "end_seconds": 14.0}]}
 * }</pre>
 *
 * {@code speaker} and {@code text} are required; times are optional seconds. It is recognised by a
 * {@code .json} name and an {@code utterances} array whose entries carry no {@code words} and no
 * millisecond {@code start}/{@code end}, which tell other tools' JSON apart.
 */
public final class BeliefsJsonFormat implements TranscriptFormat {

  @Override
  public String name() {
    return "beliefs-json";
  }

  @Override
  public boolean claims(String fileName, String text) {
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return false;
    }
    try {
      JsonNode utterances = Json.MAPPER.readTree(text).path("utterances");
      if (!utterances.isArray() || utterances.isEmpty()) {
        return false;
      }
      JsonNode first = utterances.get(0);
      return first.has("speaker")
          && first.has("text")
          && !first.has("words")
          && !first.has("start")
          && !first.has("end");
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new TranscriptParseException(
          "invalid_json", "not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode entries = root.path("utterances");
    if (!entries.isArray()) {
      throw new TranscriptParseException(
          "wrong_shape", "expected an object with an 'utterances' array");
    }
    List<Utterance> utterances = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String speaker = requiredText(entry, "speaker", i);
      String speech = requiredText(entry, "text", i).replaceAll("\\s+", " ").strip();
      if (!speech.isEmpty()) {
        utterances.add(
            new Utterance(
                utterances.size(),
                speaker.strip(),
                seconds(entry, "start_seconds", i),
                seconds(entry, "end_seconds", i),
                speech));
      }
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException("no_speech", "'utterances' holds no text");
    }
    return utterances;
  }

  private static String requiredText(JsonNode entry, String field, int index)
      throws TranscriptParseException {
    JsonNode value = entry.get(field);
    if (value == null
        || !value.isTextual()
        || (field.equals("speaker") && value.asText().isBlank())) {
      throw new TranscriptParseException(
          "wrong_shape", "utterances[" + index + "]." + field + " must be a non-empty string");
    }
    return value.asText();
  }

  private static Double seconds(JsonNode entry, String field, int index)
      throws TranscriptParseException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.asDouble() < 0) {
      throw new TranscriptParseException(
          "wrong_shape", "utterances[" + index + "]." + field + " must be seconds >= 0 or null");
    }
    return value.asDouble();
  }
}
