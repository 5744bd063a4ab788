package dev.beliefs.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The server answered with an HTTP error. Holds OpenAI's error body fields when it sent them. */
public class ApiErrorException extends Exception {

  private final int status;
  private final @Nullable String type;
  private final @Nullable String code;
  private final RateLimitHeaders rateLimits;

  public ApiErrorException(
      int status,
      String message,
      @Nullable String type,
      @Nullable String code,
      RateLimitHeaders rateLimits) {
    super("HTTP " + status + (code != null ? " " + code : "") + ": " + message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.rateLimits = rateLimits;
  }

  /**
   * The error an HTTP response reports, from OpenAI's {@code {"error": {...}}} body if it is one.
   */
  public static ApiErrorException fromBody(int status, String body, RateLimitHeaders rateLimits) {
    JsonNode error;
    try {
      error = Json.MAPPER.readTree(body).path("error");
    } catch (IOException | RuntimeException e) {
      error = null;
    }
    if (error == null || error.isMissingNode()) {
      return new ApiErrorException(
          status,
          body.length() <= 300 ? body : body.substring(0, 300) + "...",
          null,
          null,
          rateLimits);
    }
    return new ApiErrorException(
        status,
        error.path("message").asText(""),
        error.path("type").isTextual() ? error.get("type").asText() : null,
        error.path("code").isTextual() ? error.get("code").asText() : null,
        rateLimits);
  }

  public int status() {
    return status;
  }

  public @Nullable String type() {
    return type;
  }

  public @Nullable String code() {
    return code;
  }

  public RateLimitHeaders rateLimits() {
    return rateLimits;
  }

  /** 429 and 5xx are the server's trouble or a passing limit; the same request may succeed. */
  public boolean isRetryable() {
    return status == 429 || status == 408 || status == 409 || status >= 500;
  }
}
