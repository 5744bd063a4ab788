package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.accounting.PromptTokens;
import dev.beliefs.pipeline.sim.accounting.RateLimitCharge;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code POST /v1/chat/completions} body the simulator uses, checked as OpenAI
 * checks them. Other fields ({@code temperature}, {@code seed}, {@code n} ...) are accepted and
 * ignored; {@code stream: true} is refused.
 *
 * @param model echoed in the answer
 * @param parts what the model reads, in order: the {@code json_schema} response format's schema
 *     (labelled with its name, as compact JSON), then every message (labelled with its role, or its
 *     name when it has one; a content array's text parts joined)
 * @param userText the text of the user messages, which the simulated model reads
 * @param jsonAnswer the response format asks for JSON ({@code json_schema} or {@code json_object})
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}, else the default
 * @param answerKey SHA-256 of what the request asks, whatever its formatting: the body as JSON with
 *     sorted keys, without {@code max_tokens} and {@code max_completion_tokens}
 */
record ChatRequest(
    String model,
    List<PromptTokens.Part> parts,
    String userText,
    boolean jsonAnswer,
    int maxTokens,
    byte[] answerKey) {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  PromptTokens promptTokens(Tokenizer tokenizer) {
    return PromptTokens.of(parts, tokenizer);
  }

  /** What admitting it takes from the tokens-per-minute limit: {@link RateLimitCharge}. */
  long rateLimitCharge() {
    long characters = 0;
    for (PromptTokens.Part part : parts) {
      characters += part.text().codePointCount(0, part.text().length());
    }
    return RateLimitCharge.of(characters, maxTokens);
  }

  /** Words of the user messages: what the length of a real model's answer grows with. */
  int userWords() {
    String text = userText.strip();
    return text.isEmpty() ? 0 : text.split("\\s+").length;
  }

  static ChatRequest parse(byte[] body, int defaultMaxTokens) throws BadRequestException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new BadRequestException(OpenAiError.notJson());
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException(OpenAiError.notJson());
    }
    if (!root.path("model").isTextual() || root.get("model").asText().isBlank()) {
      throw new BadRequestException(
          OpenAiError.badRequest("you must provide a model parameter", null, null));
    }
    if (root.path("stream").asBoolean(false)) {
      throw new BadRequestException(
          OpenAiError.badRequest(
              "The simulator does not stream; send 'stream': false.",
              "stream",
              "unsupported_value"));
    }
    List<PromptTokens.Part> parts = new ArrayList<>();
    JsonNode format = root.path("response_format");
    String formatType = format.path("type").asText("text");
    if (formatType.equals("json_schema")) {
      JsonNode schema = format.path("json_schema").path("schema");
      if (!schema.isObject()) {
        throw new BadRequestException(
            OpenAiError.badRequest(
                "Missing required parameter: 'response_format.json_schema.schema'.",
                "response_format.json_schema.schema",
                "missing_required_parameter"));
      }
      parts.add(
          new PromptTokens.Part(
              format.path("json_schema").path("name").asText(""), schema.toString()));
    }
    StringBuilder userText = new StringBuilder();
    for (JsonNode message : messages(root)) {
      String content = content(message);
      String role = message.path("role").asText();
      String name = message.path("name").asText("");
      parts.add(new PromptTokens.Part(name.isEmpty() ? role : name, content));
      if ("user".equals(role)) {
        userText.append(content).append('\n');
      }
    }
    return new ChatRequest(
        root.get("model").asText(),
        List.copyOf(parts),
        userText.toString(),
        formatType.equals("json_schema") || formatType.equals("json_object"),
        maxTokens(root, defaultMaxTokens),
        answerKey((ObjectNode) root));
  }

  private static byte[] answerKey(ObjectNode root) {
    ObjectNode asked = root.deepCopy();
    asked.remove(List.of("max_tokens", "max_completion_tokens"));
    try {
      return FaultPlan.sha256()
          .digest(CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(asked, Object.class)));
    } catch (IOException e) {
      throw new IllegalStateException("a parsed body can be written again", e);
    }
  }

  private static JsonNode messages(JsonNode root) throws BadRequestException {
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) {
      throw new BadRequestException(
          OpenAiError.badRequest(
              "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
    }
    if (!messages.isArray()) {
      throw new BadRequestException(
          OpenAiError.badRequest(
              "Invalid type for 'messages': expected an array of objects.",
              "messages",
              "invalid_type"));
    }
    if (messages.isEmpty()) {
      throw new BadRequestException(
          OpenAiError.badRequest(
              "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an"
                  + " empty array instead.",
              "messages",
              "empty_array"));
    }
    return messages;
  }

  private static String content(JsonNode message) throws BadRequestException {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        text.append(part.path("text").asText(""));
      }
      return text.toString();
    }
    if (content.isNull() && message.path("role").asText().equals("assistant")) {
      return "";
    }
    throw new BadRequestException(
        OpenAiError.badRequest(
            "Invalid type for 'messages[].content': expected a string or an array of content parts.",
            "messages",
            "invalid_type"));
  }

  private static int maxTokens(JsonNode root, int defaultMaxTokens) throws BadRequestException {
    for (String name : List.of("max_completion_tokens", "max_tokens")) {
      JsonNode value = root.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber()) {
        throw new BadRequestException(
            OpenAiError.badRequest(
                "Invalid type for '" + name + "': expected an integer, but got " + value + ".",
                name,
                "invalid_type"));
      }
      if (value.asInt() < 1) {
        throw new BadRequestException(
            OpenAiError.badRequest(
                "Invalid '"
                    + name
                    + "': integer below minimum value. Expected a value >= 1, but got "
                    + value.asInt()
                    + " instead.",
                name,
                "integer_below_min_value"));
      }
      return value.asInt();
    }
    return defaultMaxTokens;
  }
}
