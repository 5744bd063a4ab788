package dev.beliefs.pipeline.sim;

import dev.beliefs.pipeline.sim.accounting.PromptCache;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything a simulator is started with. Build one with {@link #builder()}; the defaults are an
 * unlimited, fault-free server on a free port with prompt caching and the calibrated {@link
 * LatencyModel#DEFAULT} and {@link AnswerLength#DEFAULT} at full scale.
 *
 * @param port port on 127.0.0.1; 0 for any free one
 * @param timeScale multiplies every service time: 0.001 turns a 14 s answer into 14 ms. It scales
 *     the model's latency and injected 429s' {@code retry-after} only: rate limits are per real
 *     minute, prompt-cache entries expire in real time, and the fault timeout is real time
 * @param latency the model's service time
 * @param answerLength how many tokens the model writes
 * @param requestsPerMinute RPM limit, 0 for none
 * @param tokensPerMinute TPM limit, 0 for none; a request takes its {@link
 *     dev.beliefs.pipeline.sim.accounting.RateLimitCharge}
 * @param promptCache whether prompts share cached prefixes ({@link
 *     dev.beliefs.pipeline.sim.accounting.PromptCache}); on by default, as on OpenAI
 * @param promptCacheTtl how long a cached prefix lives unused
 * @param faults how often each fault is injected
 * @param seed of the fault decisions and of every call's noise (answer length, latency)
 * @param apiKey the bearer token required, or null to accept any key or none
 * @param faultTimeout how long a {@code timeout} fault holds a request before dropping it; longer
 *     than the client's read timeout
 * @param defaultMaxTokens {@code max_tokens} assumed when a request names none: gpt-4o-mini's
 *     output limit, 16,384, by default
 * @param maxBatchRequests requests one batch may hold; OpenAI's 50,000 by default
 */
public record SimulatorConfig(
    int port,
    double timeScale,
    LatencyModel latency,
    AnswerLength answerLength,
    long requestsPerMinute,
    long tokensPerMinute,
    boolean promptCache,
    Duration promptCacheTtl,
    FaultPlan faults,
    long seed,
    @Nullable String apiKey,
    Duration faultTimeout,
    int defaultMaxTokens,
    int maxBatchRequests) {

  /** The fault seed when none is given, the same as {@code extract}'s {@code --seed}. */
  public static final long DEFAULT_SEED = 20240601L;

  public SimulatorConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be a number >= 0, got " + timeScale);
    }
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException("rpm and tpm must be >= 0 (0: no limit)");
    }
    if (promptCacheTtl.isNegative() || promptCacheTtl.isZero()) {
      throw new IllegalArgumentException(
          "the prompt cache's time to live must be positive, got " + promptCacheTtl);
    }
    if (faultTimeout.isNegative() || faultTimeout.isZero()) {
      throw new IllegalArgumentException("the fault timeout must be positive, got " + faultTimeout);
    }
    if (defaultMaxTokens < 1) {
      throw new IllegalArgumentException("defaultMaxTokens must be >= 1, got " + defaultMaxTokens);
    }
    if (maxBatchRequests < 1) {
      throw new IllegalArgumentException("maxBatchRequests must be >= 1, got " + maxBatchRequests);
    }
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("the API key must not be blank");
    }
  }

  /** {@code duration} of simulated time at this time scale. */
  Duration scaled(Duration duration) {
    return Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as documented on {@link SimulatorConfig}; each setter returns the builder. */
  public static final class Builder {
    private int port = 0;
    private double timeScale = 1.0;
    private LatencyModel latency = LatencyModel.DEFAULT;
    private AnswerLength answerLength = AnswerLength.DEFAULT;
    private long requestsPerMinute = 0;
    private long tokensPerMinute = 0;
    private boolean promptCache = true;
    private Duration promptCacheTtl = PromptCache.DEFAULT_TTL;
    private FaultPlan faults = FaultPlan.NONE;
    private long seed = DEFAULT_SEED;
    private @Nullable String apiKey = null;
    private Duration faultTimeout = Duration.ofMinutes(5);
    private int defaultMaxTokens = 16_384;
    private int maxBatchRequests = 50_000;

    private Builder() {}

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder timeScale(double value) {
      timeScale = value;
      return this;
    }

    public Builder latency(LatencyModel value) {
      latency = value;
      return this;
    }

    public Builder answerLength(AnswerLength value) {
      answerLength = value;
      return this;
    }

    public Builder promptCache(boolean value) {
      promptCache = value;
      return this;
    }

    public Builder promptCacheTtl(Duration value) {
      promptCacheTtl = value;
      return this;
    }

    public Builder requestsPerMinute(long value) {
      requestsPerMinute = value;
      return this;
    }

    public Builder tokensPerMinute(long value) {
      tokensPerMinute = value;
      return this;
    }

    public Builder faults(FaultPlan value) {
      faults = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder apiKey(@Nullable String value) {
      apiKey = value;
      return this;
    }

    public Builder faultTimeout(Duration value) {
      faultTimeout = value;
      return this;
    }

    public Builder defaultMaxTokens(int value) {
      defaultMaxTokens = value;
      return this;
    }

    public Builder maxBatchRequests(int value) {
      maxBatchRequests = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the bad value
     */
    public SimulatorConfig build() {
      return new SimulatorConfig(
          port,
          timeScale,
          latency,
          answerLength,
          requestsPerMinute,
          tokensPerMinute,
          promptCache,
          promptCacheTtl,
          faults,
          seed,
          apiKey,
          faultTimeout,
          defaultMaxTokens,
          maxBatchRequests);
    }
  }
}
