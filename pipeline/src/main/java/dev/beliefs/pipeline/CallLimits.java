package dev.beliefs.pipeline;

import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.TierLimits;
import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What bounds the model's calls as a whole: the rate limits ({@code --tier}, {@code --rpmLimit},
 * {@code --tpmLimit}) and the spending cap ({@code --maxCostUsd}).
 */
final class CallLimits {

  private CallLimits() {}

  /** The published limits of {@code --tier} for {@code model}, each overridden when given. */
  static RateLimits rateLimits(BeliefOptions options, String model) throws ConfigurationException {
    RateLimits limits = RateLimits.NONE;
    if (options.getTier() != null) {
      limits =
          TierLimits.of(model, options.getTier())
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "--tier="
                              + options.getTier()
                              + ": no published limits for "
                              + model
                              + " at that tier (tiers 1-5 of "
                              + TierLimits.models()
                              + "); use --rpmLimit and --tpmLimit"));
    }
    long rpm = options.getRpmLimit() != null ? options.getRpmLimit() : limits.requestsPerMinute();
    long tpm = options.getTpmLimit() != null ? options.getTpmLimit() : limits.tokensPerMinute();
    if (rpm < 0 || tpm < 0) {
      throw new ConfigurationException("--rpmLimit and --tpmLimit must be >= 0");
    }
    return new RateLimits(rpm, tpm);
  }

  /** The run's spending cap; null for none. */
  static @Nullable BigDecimal maxCost(BeliefOptions options) throws ConfigurationException {
    Double cap = options.getMaxCostUsd();
    if (cap == null) {
      return null;
    }
    if (cap <= 0 || cap.isNaN() || cap.isInfinite()) {
      throw new ConfigurationException("--maxCostUsd must be a positive amount in USD, got " + cap);
    }
    return BigDecimal.valueOf(cap);
  }
}
