package dev.beliefs.extract.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.model.Usage;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A successful chat completion: the first choice and the usage billed for it.
 *
 * @param finishReason {@code stop}, {@code length}, {@code content_filter}...
 * @param refusal the model's refusal message, when it refused
 * @param model the model that answered, as the server names it
 */
public record ChatResponse(
    @Nullable String content,
    String finishReason,
    @Nullable String refusal,
    Usage usage,
    String model,
    RateLimitHeaders rateLimits) {

  /**
   * Reads a {@code chat.completion} body, as {@code POST /chat/completions} answers it and as a
   * batch output line carries it.
   *
   * @throws IOException the body has no choice or no usage
   */
  public static ChatResponse parse(JsonNode root, RateLimitHeaders rateLimits) throws IOException {
    JsonNode choice = root.path("choices").path(0);
    JsonNode message = choice.path("message");
    JsonNode usage = root.path("usage");
    if (choice.isMissingNode() || usage.isMissingNode()) {
      String text = root.toString();
      throw new IOException(
          "the response has no choices or no usage: "
              + (text.length() <= 300 ? text : text.substring(0, 300) + "..."));
    }
    return new ChatResponse(
        message.path("content").isTextual() ? message.get("content").asText() : null,
        choice.path("finish_reason").asText("stop"),
        message.path("refusal").isTextual() ? message.get("refusal").asText() : null,
        new Usage(
            usage.path("prompt_tokens").asLong(),
            usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
            usage.path("completion_tokens").asLong()),
        root.path("model").asText(""),
        rateLimits);
  }
}
