package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.Tokens;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The parts of a {@code POST /v1/chat/completions} body the simulator uses, checked as OpenAI
 * checks them. Other fields ({@code temperature}, {@code seed}, {@code n} ...) are accepted and
 * ignored; {@code stream: true} is refused.
 *
 * @param model echoed in the answer
 * @param contents the text of every message, in order (a content array's text parts joined)
 * @param userText the text of the user messages, which the simulated model reads
 * @param schemaText the {@code json_schema} response format's schema as compact JSON, or null
 * @param jsonAnswer the response format asks for JSON ({@code json_schema} or {@code json_object})
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}, else the default
 */
record ChatRequest(
    String model,
    List<String> contents,
    String userText,
    @Nullable String schemaText,
    boolean jsonAnswer,
    int maxTokens) {

  /** Prompt tokens as the client estimates them: {@link Tokens#chatPrompt}. */
  int promptTokens() {
    return Tokens.chatPrompt(contents, schemaText == null ? "" : schemaText);
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
    List<String> contents = new ArrayList<>();
    StringBuilder userText = new StringBuilder();
    for (JsonNode message : messages(root)) {
      String content = content(message);
      contents.add(content);
      if ("user".equals(message.path("role").asText())) {
        userText.append(content).append('\n');
      }
    }
    JsonNode format = root.path("response_format");
    String formatType = format.path("type").asText("text");
    String schemaText = null;
    if (formatType.equals("json_schema")) {
      JsonNode schema = format.path("json_schema").path("schema");
      if (!schema.isObject()) {
        throw new BadRequestException(
            OpenAiError.badRequest(
                "Missing required parameter: 'response_format.json_schema.schema'.",
                "response_format.json_schema.schema",
                "missing_required_parameter"));
      }
      schemaText = Json.line(schema);
    }
    return new ChatRequest(
        root.get("model").asText(),
        contents,
        userText.toString(),
        schemaText,
        formatType.equals("json_schema") || formatType.equals("json_object"),
        maxTokens(root, defaultMaxTokens));
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
