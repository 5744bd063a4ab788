package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.util.List;

/** The JSON of successful answers, field for field as OpenAI's. */
final class ResponseBodies {

  /** When the simulated models were "created", for {@code GET /v1/models}. */
  private static final long MODELS_CREATED = 1_721_172_741L;

  private ResponseBodies() {}

  /** The {@code usage} of an answer. */
  record Usage(long promptTokens, long cachedTokens, long completionTokens, long reasoningTokens) {}

  /** A {@code chat.completion} object with one choice. */
  static String chatCompletion(
      String id,
      long createdEpochSeconds,
      String model,
      String content,
      String finishReason,
      Usage usage) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion");
    root.put("created", createdEpochSeconds);
    root.put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    ObjectNode counts = root.putObject("usage");
    counts.put("prompt_tokens", usage.promptTokens());
    counts.put("completion_tokens", usage.completionTokens());
    counts.put("total_tokens", usage.promptTokens() + usage.completionTokens());
    ObjectNode promptDetails = counts.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", usage.cachedTokens());
    promptDetails.put("audio_tokens", 0);
    ObjectNode completionDetails = counts.putObject("completion_tokens_details");
    completionDetails.put("reasoning_tokens", usage.reasoningTokens());
    completionDetails.put("audio_tokens", 0);
    completionDetails.put("accepted_prediction_tokens", 0);
    completionDetails.put("rejected_prediction_tokens", 0);
    root.put("service_tier", "default");
    root.put("system_fingerprint", "fp_simulator");
    return Json.line(root);
  }

  /** A {@code list} of {@code model} objects. */
  static String models(List<String> ids) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String id : ids) {
      data.add(model(id));
    }
    return Json.line(root);
  }

  static String oneModel(String id) {
    return Json.line(model(id));
  }

  private static ObjectNode model(String id) {
    ObjectNode model = Json.MAPPER.createObjectNode();
    model.put("id", id);
    model.put("object", "model");
    model.put("created", MODELS_CREATED);
    model.put("owned_by", "system");
    return model;
  }
}
