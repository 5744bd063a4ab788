package dev.beliefs.pipeline.sim;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Requests-per-minute and tokens-per-minute limits as OpenAI applies them: two Bucket4j buckets
 * that start full and refill continuously over the minute. A request takes one request and its
 * prompt tokens plus {@code max_tokens} of tokens; it is admitted only when both buckets have
 * enough, and a refused request takes nothing. A limit of 0 means none; it is reported as {@link
 * #UNLIMITED_REPORTED} with nothing used, so that a client pacing itself by the headers never
 * waits.
 */
final class RateLimiter {

  static final long UNLIMITED_REPORTED = Integer.MAX_VALUE;
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final long requestsPerMinute;
  private final long tokensPerMinute;
  private final TimeMeter clock;
  private @Nullable Bucket requests;
  private @Nullable Bucket tokens;

  RateLimiter(long requestsPerMinute, long tokensPerMinute) {
    this(requestsPerMinute, tokensPerMinute, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With a clock of the test's choosing. */
  RateLimiter(long requestsPerMinute, long tokensPerMinute, TimeMeter clock) {
    this.requestsPerMinute = requestsPerMinute;
    this.tokensPerMinute = tokensPerMinute;
    this.clock = clock;
    reset();
  }

  /** Takes one request and {@code tokensRequested} tokens, or nothing if either is short. */
  synchronized Admission admit(long tokensRequested) {
    if (tokens != null && tokensRequested > tokensPerMinute) {
      return new Admission(false, "tokens", true, timeToFull(tokens, tokensPerMinute), state());
    }
    EstimationProbe requestProbe = requests == null ? null : requests.estimateAbilityToConsume(1);
    EstimationProbe tokenProbe =
        tokens == null ? null : tokens.estimateAbilityToConsume(tokensRequested);
    boolean requestsOk = requestProbe == null || requestProbe.canBeConsumed();
    boolean tokensOk = tokenProbe == null || tokenProbe.canBeConsumed();
    if (requestsOk && tokensOk) {
      if (requests != null) {
        requests.tryConsume(1);
      }
      if (tokens != null) {
        tokens.tryConsume(tokensRequested);
      }
      return Admission.granted(state());
    }
    long waitNanos =
        Math.max(
            requestsOk ? 0 : requestProbe.getNanosToWaitForRefill(),
            tokensOk ? 0 : tokenProbe.getNanosToWaitForRefill());
    return new Admission(
        false, requestsOk ? "tokens" : "requests", false, Duration.ofNanos(waitNanos), state());
  }

  synchronized RateLimitState state() {
    return new RateLimitState(
        requests == null ? UNLIMITED_REPORTED : requestsPerMinute,
        tokens == null ? UNLIMITED_REPORTED : tokensPerMinute,
        requests == null ? UNLIMITED_REPORTED : requests.getAvailableTokens(),
        tokens == null ? UNLIMITED_REPORTED : tokens.getAvailableTokens(),
        timeToFull(requests, requestsPerMinute),
        timeToFull(tokens, tokensPerMinute));
  }

  /** Full buckets again. */
  synchronized void reset() {
    requests = bucket(requestsPerMinute);
    tokens = bucket(tokensPerMinute);
  }

  private @Nullable Bucket bucket(long perMinute) {
    if (perMinute == 0) {
      return null;
    }
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, MINUTE))
        .withCustomTimePrecision(clock)
        .build();
  }

  /** OpenAI's {@code x-ratelimit-reset-*}: the time until the bucket is full again. */
  private static Duration timeToFull(@Nullable Bucket bucket, long perMinute) {
    if (bucket == null) {
      return Duration.ZERO;
    }
    long missing = perMinute - bucket.getAvailableTokens();
    return Duration.ofNanos((long) Math.ceil(missing * (double) MINUTE.toNanos() / perMinute));
  }
}
