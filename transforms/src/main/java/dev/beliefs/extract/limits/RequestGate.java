package dev.beliefs.extract.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Admits one {@link Share}'s requests at most as fast as its part of the rate limits allows, before
 * the server has to say no: two token buckets (requests per minute, tokens per minute) refilled
 * continuously, as OpenAI refills its own. A request takes one request and its prompt plus {@code
 * max_tokens} tokens, the amount OpenAI counts against the limit when it admits the request; when
 * the server's usage shows the prompt estimate was off, the difference is given back or taken. The
 * shares of a job add up to the organisation's limits, so the job as a whole stays within them.
 *
 * <p>The server's {@code x-ratelimit-remaining-*} headers are the organisation's view, shared by
 * every worker on every machine and by other jobs on the same key; when this share's part of what
 * they say is left is less than the share believes it has, its buckets are drained down to it. That
 * is how jobs sharing one key slow down together without talking to each other. A response's
 * remaining is as of its own admission: the server's refill since is added, and the requests this
 * share let through since are taken off, before it is compared. Without configured limits, the
 * first response's {@code x-ratelimit-limit-*} headers set them; the requests sent before that are
 * taken off the same way, so a burst at the start is not counted twice as free.
 *
 * <p>The server does not count tokens as this gate does: OpenAI's limiter estimates a request from
 * its characters (about four to a token) plus {@code max_tokens}, which for English prose comes
 * some 15% above the tokenizer's count, and more for other text. So the tokens this share sent
 * since an answer's admission are taken off what the server had left with {@value
 * #SERVER_COUNT_MARGIN} more on top: the server may have counted them that much higher. The margin
 * only keeps a cushion in the server's bucket while requests are in flight; the rate at which
 * requests are admitted stays the limit's.
 */
public final class RequestGate {

  /** How much more than this gate the server may count the tokens of the requests in flight. */
  static final double SERVER_COUNT_MARGIN = 0.5;

  private final Share share;
  private volatile @Nullable Bucket requests;
  private volatile @Nullable Bucket tokens;
  private volatile long organisationRequests;
  private volatile long organisationTokens;
  private volatile long requestCapacity;
  private volatile long tokenCapacity;
  private final AtomicLong admittedRequests = new AtomicLong();
  private final AtomicLong admittedTokens = new AtomicLong();

  /** A gate holding all of {@code limits}. */
  public RequestGate(RateLimits limits) {
    this(limits, Share.whole());
  }

  /**
   * @param limits the organisation's limits, of which this gate holds {@code share}
   * @throws IllegalArgumentException a limit too small to split over the shares
   */
  public RequestGate(RateLimits limits, Share share) {
    RateLimits part = share.partOf(limits);
    this.share = share;
    this.organisationRequests = limits.requestsPerMinute();
    this.organisationTokens = limits.tokensPerMinute();
    this.requests = bucket(part.requestsPerMinute());
    this.tokens = bucket(part.tokensPerMinute());
    this.requestCapacity = part.requestsPerMinute();
    this.tokenCapacity = part.tokensPerMinute();
  }

  /**
   * One request let through: the requests and tokens this gate had let through up to and including
   * it, and when.
   */
  public record Admission(long requests, long tokens, long nanoTime) {}

  /** Waits until one request of {@code cost} tokens may start, and takes it. */
  public Admission admit(long cost) throws InterruptedException {
    Bucket requests = this.requests;
    Bucket tokens = this.tokens;
    if (requests != null) {
      requests.asBlocking().consume(1);
    }
    if (tokens != null) {
      tokens.asBlocking().consume(Math.min(cost, tokenCapacity));
    }
    synchronized (this) {
      return new Admission(
          admittedRequests.incrementAndGet(), admittedTokens.addAndGet(cost), System.nanoTime());
    }
  }

  /** Requests and tokens this gate would let through now, without waiting; 0 where unlimited. */
  RateLimits available() {
    Bucket requests = this.requests;
    Bucket tokens = this.tokens;
    return new RateLimits(
        requests == null ? 0 : requests.getAvailableTokens(),
        tokens == null ? 0 : tokens.getAvailableTokens());
  }

  /**
   * Corrects a request's token cost once the server billed it. The count of tokens admitted stays
   * as admitted: the server's remaining headers already include this request as it counted it.
   */
  public void correct(long estimated, long actual) {
    Bucket tokens = this.tokens;
    if (tokens == null || estimated == actual) {
      return;
    }
    if (actual > estimated) {
      tokens.consumeIgnoringRateLimits(actual - estimated);
    } else {
      tokens.addTokens(estimated - actual);
    }
  }

  /**
   * Drains the buckets down to what the server says is left, when it says less; {@code headers}
   * came with the answer to {@code admission}.
   */
  public void observe(Admission admission, RateLimitHeaders headers) {
    learnLimits(headers);
    long elapsedNanos = System.nanoTime() - admission.nanoTime();
    drainTo(
        requests,
        leftNow(
            headers.remainingRequests(),
            organisationRequests,
            requestCapacity,
            elapsedNanos,
            admittedRequests.get() - admission.requests()));
    drainTo(
        tokens,
        leftNow(
            headers.remainingTokens(),
            organisationTokens,
            tokenCapacity,
            elapsedNanos,
            (long)
                Math.ceil(
                    (admittedTokens.get() - admission.tokens()) * (1 + SERVER_COUNT_MARGIN))));
  }

  /**
   * This share's part of what the server has left now, from what the organisation had left when the
   * server admitted a request: plus the refill since, in proportion to this share's part of the
   * limit, less what this share let through since.
   */
  private static @Nullable Long leftNow(
      @Nullable Long remaining,
      long organisationPerMinute,
      long perMinute,
      long elapsedNanos,
      long admittedSince) {
    if (remaining == null || organisationPerMinute <= 0) {
      return null;
    }
    long refill = (long) (organisationPerMinute * (elapsedNanos / 60e9));
    long organisationLeft = Math.min(organisationPerMinute, remaining + refill);
    long part = (long) (organisationLeft * ((double) perMinute / organisationPerMinute));
    return Math.max(0, part - admittedSince);
  }

  /**
   * After a 429: how long the server asked to wait, else until its exhausted limit resets; the
   * buckets are emptied meanwhile so that other requests do not hit the same wall.
   */
  public Duration backOff(RateLimitHeaders headers, Duration fallback) {
    Duration wait = headers.retryAfter();
    if (wait == null) {
      wait = exhaustedReset(headers);
    }
    if (wait == null) {
      wait = fallback;
    }
    drainTo(requests, 0L);
    drainTo(tokens, 0L);
    return wait;
  }

  private synchronized void learnLimits(RateLimitHeaders headers) {
    if (requests == null && headers.limitRequests() != null) {
      organisationRequests = headers.limitRequests();
      requestCapacity = Math.max(1, share.partOf(organisationRequests));
      requests = bucket(requestCapacity);
    }
    if (tokens == null && headers.limitTokens() != null) {
      organisationTokens = headers.limitTokens();
      tokenCapacity = Math.max(1, share.partOf(organisationTokens));
      tokens = bucket(tokenCapacity);
    }
  }

  private static @Nullable Duration exhaustedReset(RateLimitHeaders headers) {
    Duration wait = null;
    if (Long.valueOf(0).equals(headers.remainingRequests())) {
      wait = headers.resetRequests();
    }
    if (Long.valueOf(0).equals(headers.remainingTokens())
        && headers.resetTokens() != null
        && (wait == null || headers.resetTokens().compareTo(wait) > 0)) {
      wait = headers.resetTokens();
    }
    return wait;
  }

  private static void drainTo(@Nullable Bucket bucket, @Nullable Long remaining) {
    if (bucket == null || remaining == null) {
      return;
    }
    long excess = bucket.getAvailableTokens() - remaining;
    if (excess > 0) {
      bucket.consumeIgnoringRateLimits(excess);
    }
  }

  private static @Nullable Bucket bucket(long perMinute) {
    if (perMinute <= 0) {
      return null;
    }
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }
}
