package dev.beliefs.extract.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.json.Json;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The server answered with an HTTP error. Holds OpenAI's error body fields when it sent them. */
public class ApiErrorException extends Exception {

  /** The error code, and reason word, of a 429 for want of credit. */
  public static final String INSUFFICIENT_QUOTA = "insufficient_quota";

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

  /**
   * 429 and 5xx are the server's trouble or a passing limit; the same request may succeed. Not a
   * 429 for {@link #isInsufficientQuota() want of credit}, which lasts until someone pays.
   */
  public boolean isRetryable() {
    return (status == 429 && !isInsufficientQuota())
        || status == 408
        || status == 409
        || status >= 500;
  }

  /** OpenAI's 429 when the account has no credit left (or passed its spending limit). */
  public boolean isInsufficientQuota() {
    return status == 429 && (INSUFFICIENT_QUOTA.equals(code) || INSUFFICIENT_QUOTA.equals(type));
  }

  /**
   * Whether every other request of the run would be refused alike, so that sending them is
   * pointless: no credit (429 {@code insufficient_quota}), a key refused (401), an account or key
   * not allowed the model or the endpoint (403), a model or endpoint the server does not have
   * (404). The run's requests differ only in their chunk, so none of these depends on the chunk.
   */
  public boolean refusesEveryRequest() {
    return isInsufficientQuota() || status == 401 || status == 403 || status == 404;
  }

  /**
   * The failure record's reason word: {@code insufficient_quota}, {@code rate_limited}, {@code
   * http_<status>}.
   */
  public String reason() {
    if (isInsufficientQuota()) {
      return INSUFFICIENT_QUOTA;
    }
    return status == 429 ? "rate_limited" : "http_" + status;
  }
}
