package dev.beliefs.extract.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ChatResponse;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The JSONL lines of the Batch API. A request line is {@code {"custom_id", "method": "POST", "url":
 * "/v1/chat/completions", "body": {...}}}, the body exactly what would be posted online. A line of
 * the output or error file is {@code {"id", "custom_id", "response": {"status_code", "request_id",
 * "body"}, "error"}}: {@code response} holds the chat completion (status 200) or the error the
 * request got; {@code error} (with {@code response} null) says why a request was not run at all,
 * such as {@code batch_expired} when the completion window passed first.
 */
public final class BatchLines {

  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private BatchLines() {}

  /** One line of a batch's input file. */
  public static String request(String customId, ObjectNode body) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("custom_id", customId);
    line.put("method", "POST");
    line.put("url", HttpBatchApi.ENDPOINT);
    line.set("body", body);
    return Json.line(line);
  }

  /** What one line of an output or error file says about one request. */
  public sealed interface Line permits Answered, Failed {
    String customId();
  }

  /** A chat completion, billed, whatever it holds. */
  public record Answered(String customId, ChatResponse response) implements Line {}

  /**
   * A request that got no completion.
   *
   * @param reason a stable word: {@code http_500}, {@code rate_limited}, {@code batch_expired} ...
   * @param retryable whether sending it again can help (not for 400, 401, 403, 404)
   */
  public record Failed(String customId, String reason, String detail, boolean retryable)
      implements Line {}

  /**
   * @throws IOException the line is not JSON of the output shape
   */
  public static Line parse(String text) throws IOException {
    JsonNode line = Json.MAPPER.readTree(text);
    if (line == null || !line.path("custom_id").isTextual()) {
      throw new IOException("a batch output line without a custom_id: " + abbreviate(text));
    }
    String customId = line.get("custom_id").asText();
    JsonNode response = line.path("response");
    if (response.isObject()) {
      int status = response.path("status_code").asInt();
      JsonNode body = response.path("body");
      if (status == 200) {
        return new Answered(customId, ChatResponse.parse(body, RateLimitHeaders.NONE));
      }
      ApiErrorException error =
          ApiErrorException.fromBody(status, Json.line(body), RateLimitHeaders.NONE);
      return new Failed(customId, error.reason(), error.getMessage(), error.isRetryable());
    }
    JsonNode error = line.path("error");
    String code = error.path("code").asText("");
    return new Failed(
        customId,
        WORD.matcher(code).matches() ? code : "batch_error",
        code + ": " + error.path("message").asText("the batch gave no answer"),
        true);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
