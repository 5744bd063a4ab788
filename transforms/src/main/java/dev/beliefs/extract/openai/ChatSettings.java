package dev.beliefs.extract.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.json.Json;
import java.io.Serializable;

/**
 * What every extraction request asks for. Temperature 0 and a fixed seed make answers as repeatable
 * as the API allows; {@code maxTokens} bounds what one answer can cost.
 */
public record ChatSettings(String model, double temperature, long seed, int maxTokens)
    implements Serializable {

  /** The request body for one chunk's text: system prompt first, then the chunk. */
  public ObjectNode requestBody(String chunkText, int maxTokensForAttempt) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", ExtractionPrompt.system());
    messages.addObject().put("role", "user").put("content", ExtractionPrompt.user(chunkText));
    body.put("temperature", temperature);
    body.put("seed", seed);
    body.put("max_tokens", maxTokensForAttempt);
    ObjectNode format = body.putObject("response_format");
    format.put("type", "json_schema");
    ObjectNode schema = format.putObject("json_schema");
    schema.put("name", ExtractionPrompt.SCHEMA_NAME);
    schema.put("strict", true);
    schema.set("schema", ExtractionPrompt.schema());
    return body;
  }
}
