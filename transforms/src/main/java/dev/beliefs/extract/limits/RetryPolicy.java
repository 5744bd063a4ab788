package dev.beliefs.extract.limits;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often to ask again and how long to wait first: at most {@code maxAttempts} requests per
 * chunk, the first included; before a retry the server did not time (with {@code Retry-After} or a
 * rate-limit reset), a wait drawn uniformly between zero and a ceiling that starts at {@code
 * initialBackoff} and doubles up to {@code maxBackoff} (full jitter, so that workers that failed
 * together do not retry together).
 *
 * @param maxAttempts requests per chunk at most, the first included
 * @param initialBackoff ceiling of the wait before the first retry
 * @param maxBackoff the ceiling never grows past this
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
    implements Serializable {

  /** The ceiling of the first wait unless configured otherwise. */
  public static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

  /** The ceiling of every wait unless configured otherwise. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** The default waits, half a second doubling up to 30 s, with {@code maxAttempts} requests. */
  public static RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, INITIAL_BACKOFF, MAX_BACKOFF);
  }

  /** Whether a chunk that has had {@code requests} requests may have another. */
  public boolean allowsAnother(int requests) {
    return requests < maxAttempts;
  }

  /** The wait before the next request, after {@code requests} requests (at least one). */
  public Duration backoff(int requests) {
    long ceiling =
        Math.min(
            maxBackoff.toMillis(),
            initialBackoff.toMillis() << Math.min(20, Math.max(0, requests - 1)));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
