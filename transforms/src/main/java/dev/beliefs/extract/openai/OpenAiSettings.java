package dev.beliefs.extract.openai;

import static java.util.Objects.requireNonNull;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Share;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How to reach an OpenAI-compatible server, how hard to try, and how much to spend. Build one with
 * {@link #builder()}; the record's constructor is its target, not for callers.
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

  /** How often to ask for one chunk, and how long to wait between attempts. */
  public RetryPolicy retry() {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .baseUrl(baseUrl)
        .chat(chat)
        .apiKeySource(apiKeySource)
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .retry(retry())
        .rateLimits(rateLimits)
        .maxCostUsd(maxCostUsd)
        .price(price)
        .sharedKey(sharedKey);
  }

  /** Every value but {@code maxCostUsd} (no cap unless set) must be set; setters return this. */
  public static final class Builder {
    private @Nullable String baseUrl;
    private @Nullable ChatSettings chat;
    private @Nullable ApiKeySource apiKeySource;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable RetryPolicy retry;
    private @Nullable RateLimits rateLimits;
    private @Nullable BigDecimal maxCostUsd;
    private @Nullable ModelPrice price;
    private @Nullable String sharedKey;

    private Builder() {}

    public Builder baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Builder chat(ChatSettings value) {
      chat = value;
      return this;
    }

    public Builder apiKeySource(ApiKeySource value) {
      apiKeySource = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder readTimeout(Duration value) {
      readTimeout = value;
      return this;
    }

    /** Sets {@code maxAttempts}, {@code initialBackoff} and {@code maxBackoff}. */
    public Builder retry(RetryPolicy value) {
      retry = value;
      return this;
    }

    public Builder rateLimits(RateLimits value) {
      rateLimits = value;
      return this;
    }

    public Builder maxCostUsd(@Nullable BigDecimal value) {
      maxCostUsd = value;
      return this;
    }

    public Builder price(ModelPrice value) {
      price = value;
      return this;
    }

    public Builder sharedKey(String value) {
      sharedKey = value;
      return this;
    }

    /**
     * @throws NullPointerException naming a value that is not set
     */
    public OpenAiSettings build() {
      RetryPolicy retryPolicy = requireNonNull(retry, "retry is not set");
      return new OpenAiSettings(
          requireNonNull(baseUrl, "baseUrl is not set"),
          requireNonNull(chat, "chat is not set"),
          requireNonNull(apiKeySource, "apiKeySource is not set"),
          requireNonNull(connectTimeout, "connectTimeout is not set"),
          requireNonNull(readTimeout, "readTimeout is not set"),
          retryPolicy.maxAttempts(),
          retryPolicy.initialBackoff(),
          retryPolicy.maxBackoff(),
          requireNonNull(rateLimits, "rateLimits is not set"),
          maxCostUsd,
          requireNonNull(price, "price is not set"),
          requireNonNull(sharedKey, "sharedKey is not set"));
    }
  }
}
