package dev.beliefs.extract.openai;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Share;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How to reach an OpenAI-compatible server, how hard to try, and how much to spend.
 *
 * @param baseUrl for example {@code https://api.openai.com/v1}
 * @param maxAttempts requests per chunk at most, the first included ({@link #retry()})
 * @param initialBackoff ceiling of the wait before the first retry ({@link #retry()})
 * @param maxBackoff ceiling of every wait between retries ({@link #retry()})
 * @param rateLimits what the whole organisation may send per minute; each {@link Share} of the job
 *     holds its part
 * @param maxCostUsd the whole job's cap: no request starts that could take spending past it; each
 *     {@link Share} holds its part; null for no cap
 * @param price the model's price, for the budget
 * @param sharedKey names the client, rate limiter and budget that the workers of one run's share in
 *     a JVM share
 */
public record OpenAiSettings(
    String baseUrl,
    ChatSettings chat,
    ApiKeySource apiKeySource,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    RateLimits rateLimits,
    @Nullable BigDecimal maxCostUsd,
    ModelPrice price,
    String sharedKey)
    implements Serializable {

  /** Settings whose attempts and waits are those of {@code retry}. */
  public OpenAiSettings(
      String baseUrl,
      ChatSettings chat,
      ApiKeySource apiKeySource,
      Duration connectTimeout,
      Duration readTimeout,
      RetryPolicy retry,
      RateLimits rateLimits,
      @Nullable BigDecimal maxCostUsd,
      ModelPrice price,
      String sharedKey) {
    this(
        baseUrl,
        chat,
        apiKeySource,
        connectTimeout,
        readTimeout,
        retry.maxAttempts(),
        retry.initialBackoff(),
        retry.maxBackoff(),
        rateLimits,
        maxCostUsd,
        price,
        sharedKey);
  }

  /** How often to ask for one chunk, and how long to wait between attempts. */
  public RetryPolicy retry() {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
  }
}
