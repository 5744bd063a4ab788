package dev.beliefs.extract;

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
