package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.util.List;

/**
 * What the simulator admitted and billed per minute once the first minute is over (its full bucket
 * lets a burst through then), up to the last admission: from its own per-second accounting, not the
 * job's.
 *
 * @param seconds the length of that window
 * @param requestsPerMinute requests admitted
 * @param tokensPerMinute rate-limit tokens admitted, as the simulator charges them
 * @param billedPromptPerMinute prompt tokens billed for answers sent in the window, cached included
 * @param billedCachedPerMinute the cached part of them
 * @param billedCompletionPerMinute completion tokens billed for the same answers
 */
record SustainedRates(
    double seconds,
    double requestsPerMinute,
    double tokensPerMinute,
    double billedPromptPerMinute,
    double billedCachedPerMinute,
    double billedCompletionPerMinute) {

  static final long BURST_SECONDS = 60;

  static SustainedRates of(StatsSnapshot stats) {
    List<StatsSnapshot.AdmittedSecond> admitted = stats.admittedPerSecond();
    if (admitted.isEmpty()) {
      return new SustainedRates(0, 0, 0, 0, 0, 0);
    }
    long from = admitted.get(0).epochSecond() + BURST_SECONDS;
    long to = admitted.get(admitted.size() - 1).epochSecond();
    double seconds = Math.max(0, to - from);
    if (seconds == 0) {
      return new SustainedRates(0, 0, 0, 0, 0, 0);
    }
    long requests = 0;
    long tokens = 0;
    for (StatsSnapshot.AdmittedSecond second : admitted) {
      if (second.epochSecond() >= from && second.epochSecond() < to) {
        requests += second.requests();
        tokens += second.tokens();
      }
    }
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
        completion * perMinute);
  }

  double billedTokensPerMinute() {
    return billedPromptPerMinute + billedCompletionPerMinute;
  }
}
