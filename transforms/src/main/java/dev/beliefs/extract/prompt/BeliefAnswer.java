package dev.beliefs.extract.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Stance;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the answer JSON of the belief schema. Reading checks what strict structured
 * outputs promise (every field present with its type, stance in the enum), since an
 * OpenAI-compatible server may not enforce the schema.
 */
public final class BeliefAnswer {

  private BeliefAnswer() {}

  public static List<ModelBelief> parse(String content) throws MalformedAnswerException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new MalformedAnswerException("the answer is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("beliefs").isArray()) {
      throw new MalformedAnswerException("the answer has no 'beliefs' array");
    }
    List<ModelBelief> beliefs = new ArrayList<>();
    for (JsonNode item : root.get("beliefs")) {
      String stance = text(item, "stance");
      if (!Stance.ALL.contains(stance)) {
        throw new MalformedAnswerException("stance '" + stance + "' is not one of " + Stance.ALL);
      }
      JsonNode confidence = item.get("confidence");
      JsonNode index = item.get("utterance_index");
      if (confidence == null || !confidence.isNumber()) {
        throw new MalformedAnswerException("a belief has no numeric 'confidence'");
      }
      if (index == null || !index.canConvertToInt()) {
        throw new MalformedAnswerException("a belief has no integer 'utterance_index'");
      }
      beliefs.add(
          new ModelBelief(
              text(item, "speaker"),
              text(item, "statement"),
              stance,
              Math.max(0, Math.min(1, confidence.asDouble())),
              text(item, "topic"),
              text(item, "evidence_quote"),
              index.asInt()));
    }
    return beliefs;
  }

  /** The answer JSON for these beliefs, as a model following the schema would write it. */
  public static String write(List<ModelBelief> beliefs) {
    return Json.line(new Answer(beliefs));
  }

  private record Answer(List<ModelBelief> beliefs) {}

  private static String text(JsonNode item, String field) throws MalformedAnswerException {
    JsonNode value = item.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedAnswerException("a belief has no string '" + field + "'");
    }
    return value.asText();
  }
}
