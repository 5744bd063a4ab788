package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.util.List;

/**
 * What the simulator admitted and billed per minute once its bucket's first fill is spent, up to
 * the last admission: from its own per-second accounting, not the job's. The window starts a minute
 * after the first admission, or later if the bucket still held more than a tenth of the token limit
 * then: the tokens it starts with are a burst on top of the limit, and counting them in the window
 * would put a short run above 100%.
 *
 * @param seconds the length of that window
 * @param requestsPerMinute requests admitted
 * @param tokensPerMinute rate-limit tokens admitted, as the simulator charges them
 * @param billedPromptPerMinute prompt tokens billed for answers sent in the window, cached included
 * @param billedCachedPerMinute the cached part of them
 * @param billedCompletionPerMinute completion tokens billed for the same answers
 * @param drawnDownPerMinute what the bucket held at the window's start less what it held at its
 *     end, per minute: tokens admitted in the window that the limit had refilled before it. Over a
 *     short window they can put the admitted rate above the limit; {@link #netTokensPerMinute()}
 *     leaves them out
 */
record SustainedRates(
    double seconds,
    double requestsPerMinute,
    double tokensPerMinute,
    double billedPromptPerMinute,
    double billedCachedPerMinute,
    double billedCompletionPerMinute,
    double drawnDownPerMinute) {

  static final long BURST_SECONDS = 60;

  static SustainedRates of(StatsSnapshot stats) {
    List<StatsSnapshot.AdmittedSecond> admitted = stats.admittedPerSecond();
    if (admitted.isEmpty()) {
      return new SustainedRates(0, 0, 0, 0, 0, 0, 0);
    }
    long from =
        Math.max(
            admitted.get(0).epochSecond() + BURST_SECONDS,
            burstSpent(admitted, stats.limitTokensPerMinute()));
    long to = admitted.get(admitted.size() - 1).epochSecond();
    double seconds = Math.max(0, to - from);
    if (seconds == 0) {
      return new SustainedRates(0, 0, 0, 0, 0, 0, 0);
    }
    long requests = 0;
    long tokens = 0;
    Long heldAtStart = null;
    long heldAtEnd = 0;
    for (StatsSnapshot.AdmittedSecond second : admitted) {
      if (second.epochSecond() >= from && second.epochSecond() < to) {
        requests += second.requests();
        tokens += second.tokens();
        heldAtStart = heldAtStart == null ? second.minRemainingTokens() : heldAtStart;
        heldAtEnd = second.minRemainingTokens();
      }
    }
    long drawnDown =
        heldAtStart == null || stats.limitTokensPerMinute() <= 0 ? 0 : heldAtStart - heldAtEnd;
    long prompt = 0;
    long cached = 0;
    long completion = 0;
    for (StatsSnapshot.BilledSecond second : stats.billedPerSecond()) {
      if (second.epochSecond() >= from && second.epochSecond() < to) {
        prompt += second.promptTokens();
        cached += second.cachedPromptTokens();
        completion += second.completionTokens();
      }
    }
    double perMinute = 60.0 / seconds;
    return new SustainedRates(
        seconds,
        requests * perMinute,
        tokens * perMinute,
        prompt * perMinute,
        cached * perMinute,
        completion * perMinute,
        drawnDown * perMinute);
  }

  /**
   * The second after the first in which the bucket held less than a tenth of the limit; 0 without a
   * limit, or if it never did (the job never spent its first fill, which cannot then inflate it).
   */
  private static long burstSpent(List<StatsSnapshot.AdmittedSecond> admitted, long limit) {
    if (limit <= 0) {
      return 0;
    }
    for (StatsSnapshot.AdmittedSecond second : admitted) {
      if (second.minRemainingTokens() < limit / 10) {
        return second.epochSecond() + 1;
      }
    }
    return 0;
  }

  /** Tokens admitted per minute less those the bucket held before the window. */
  double netTokensPerMinute() {
    return tokensPerMinute - drawnDownPerMinute;
  }

  double billedTokensPerMinute() {
    return billedPromptPerMinute + billedCompletionPerMinute;
  }
}
