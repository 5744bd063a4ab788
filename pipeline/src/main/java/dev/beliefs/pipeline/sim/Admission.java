package dev.beliefs.pipeline.sim;

import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rate limiter's answer to one request.
 *
 * @param exceeded {@code requests} or {@code tokens} when refused, as OpenAI's error {@code type}
 * @param tooLarge the request alone needs more tokens than the per-minute limit: it can never pass
 * @param retryAfter how long until the request would pass; zero when admitted
 * @param state the budget after the decision, for the response headers
 */
record Admission(
    boolean admitted,
    @Nullable String exceeded,
    boolean tooLarge,
    Duration retryAfter,
    RateLimitState state) {

  static Admission granted(RateLimitState state) {
    return new Admission(true, null, false, Duration.ZERO, state);
  }
}
