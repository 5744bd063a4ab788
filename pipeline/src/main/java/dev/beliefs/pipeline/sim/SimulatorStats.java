package dev.beliefs.pipeline.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what happens to chat completion requests, online and in batches, for {@code GET
 * /sim/stats}. Every method is synchronized: the counts are updated a few times per request, far
 * from being a bottleneck.
 */
final class SimulatorStats {

  private static final long MINUTE_MS = 60_000;

  private long requests;
  private final Map<String, Long> byStatus = new TreeMap<>();
  private final Map<String, Long> faults = new TreeMap<>();
  private long inFlight;
  private long maxInFlight;
  private long promptTokens;
  private long completionTokens;
  private final List<Long> arrivalsMs = new ArrayList<>();
  private final List<long[]> admissionsMsAndTokens = new ArrayList<>();
  private Long firstArrivalMs;
  private Long lastResponseMs;
  private final List<Long> serviceTimesMs = new ArrayList<>();
  private long filesUploaded;
  private long batchesCreated;
  private long batchRequests;
  private final Map<String, Long> batchByStatus = new TreeMap<>();
  private long batchPromptTokens;
  private long batchCompletionTokens;
  private long cachedPromptTokens;
  private long reasoningTokens;
  private long promptCacheHits;
  private final TreeMap<Long, long[]> billedBySecond = new TreeMap<>();
  private final long limitRequestsPerMinute;
  private final long limitTokensPerMinute;

  /** With the limits the simulator enforces, which the stats report. */
  SimulatorStats(long limitRequestsPerMinute, long limitTokensPerMinute) {
    this.limitRequestsPerMinute = limitRequestsPerMinute;
    this.limitTokensPerMinute = limitTokensPerMinute;
  }

  synchronized void arrived(long epochMs) {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    arrivalsMs.add(epochMs);
    if (firstArrivalMs == null) {
      firstArrivalMs = epochMs;
    }
  }

  /** A request admitted, taking {@code rateLimitTokens}, which left {@code remainingTokens}. */
  synchronized void admitted(long epochMs, long rateLimitTokens, long remainingTokens) {
    admissionsMsAndTokens.add(new long[] {epochMs, rateLimitTokens, remainingTokens});
  }

  synchronized void injected(Fault fault) {
    faults.merge(fault.specName(), 1L, Long::sum);
  }

  /** A request answered with an error or dropped: nothing billed. */
  synchronized void failed(String status, long epochMs) {
    finished(status, epochMs);
  }

  /** A 200 answer, billed, that the model took its service time to write. */
  synchronized void answered(Completion answer, long epochMs) {
    promptTokens += answer.promptTokens();
    cachedPromptTokens += answer.cachedTokens();
    completionTokens += answer.completionTokens();
    reasoningTokens += answer.reasoningTokens();
    promptCacheHits += answer.cachedTokens() > 0 ? 1 : 0;
    serviceTimesMs.add(answer.serviceTime().toMillis());
    long[] second = billedBySecond.computeIfAbsent(epochMs / 1000, s -> new long[4]);
    second[0]++;
    second[1] += answer.promptTokens();
    second[2] += answer.cachedTokens();
    second[3] += answer.completionTokens();
    finished("200", epochMs);
  }

  synchronized void fileUploaded() {
    filesUploaded++;
  }

  synchronized void batchCreated() {
    batchesCreated++;
  }

  /**
   * A line of a batch answered: {@code "200"} (billed), an error status, or {@code "expired"} for
   * one the completion window closed on.
   */
  synchronized void batchAnswered(String status, long promptBilled, long completionBilled) {
    batchRequests++;
    batchByStatus.merge(status, 1L, Long::sum);
    batchPromptTokens += promptBilled;
    batchCompletionTokens += completionBilled;
  }

  private void finished(String status, long epochMs) {
    byStatus.merge(status, 1L, Long::sum);
    inFlight--;
    lastResponseMs = lastResponseMs == null ? epochMs : Math.max(lastResponseMs, epochMs);
  }

  synchronized StatsSnapshot snapshot() {
    List<long[]> arrivals = new ArrayList<>();
    for (long at : arrivalsMs) {
      arrivals.add(new long[] {at, 1});
    }
    return new StatsSnapshot(
        requests,
        Collections.unmodifiableMap(new TreeMap<>(byStatus)),
        Collections.unmodifiableMap(new TreeMap<>(faults)),
        inFlight,
        maxInFlight,
        promptTokens,
        completionTokens,
        peakPerMinute(arrivals),
        peakPerMinute(admissionsMsAndTokens),
        firstArrivalMs,
        lastResponseMs,
        List.copyOf(serviceTimesMs),
        perSecond(admissionsMsAndTokens),
        filesUploaded,
        batchesCreated,
        batchRequests,
        Collections.unmodifiableMap(new TreeMap<>(batchByStatus)),
        batchPromptTokens,
        batchCompletionTokens,
        cachedPromptTokens,
        reasoningTokens,
        promptCacheHits,
        limitRequestsPerMinute,
        limitTokensPerMinute,
        billedPerSecond());
  }

  private List<StatsSnapshot.BilledSecond> billedPerSecond() {
    List<StatsSnapshot.BilledSecond> perSecond = new ArrayList<>();
    billedBySecond.forEach(
        (second, sums) ->
            perSecond.add(
                new StatsSnapshot.BilledSecond(second, sums[0], sums[1], sums[2], sums[3])));
    return List.copyOf(perSecond);
  }

  /** Requests admitted and their rate-limit tokens, per second. */
  private static List<StatsSnapshot.AdmittedSecond> perSecond(List<long[]> admissions) {
    TreeMap<Long, long[]> seconds = new TreeMap<>();
    for (long[] admission : admissions) {
      long[] counts =
          seconds.computeIfAbsent(admission[0] / 1000, s -> new long[] {0, 0, Long.MAX_VALUE});
      counts[0]++;
      counts[1] += admission[1];
      counts[2] = Math.min(counts[2], admission[2]);
    }
    List<StatsSnapshot.AdmittedSecond> perSecond = new ArrayList<>();
    seconds.forEach(
        (second, counts) ->
            perSecond.add(
                new StatsSnapshot.AdmittedSecond(second, counts[0], counts[1], counts[2])));
    return List.copyOf(perSecond);
  }

  /**
   * Starts counting afresh. Requests in flight stay counted as in flight, so that their answers
   * leave the count at zero.
   */
  synchronized void reset() {
    requests = 0;
    byStatus.clear();
    faults.clear();
    maxInFlight = inFlight;
    promptTokens = 0;
    completionTokens = 0;
    arrivalsMs.clear();
    admissionsMsAndTokens.clear();
    firstArrivalMs = null;
    lastResponseMs = null;
    serviceTimesMs.clear();
    filesUploaded = 0;
    batchesCreated = 0;
    batchRequests = 0;
    batchByStatus.clear();
    batchPromptTokens = 0;
    batchCompletionTokens = 0;
    cachedPromptTokens = 0;
    reasoningTokens = 0;
    promptCacheHits = 0;
    billedBySecond.clear();
  }

  /** The largest sum of amounts over events less than a minute apart (a sliding window). */
  private static long peakPerMinute(List<long[]> timesAndAmounts) {
    List<long[]> events = new ArrayList<>(timesAndAmounts);
    events.sort((a, b) -> Long.compare(a[0], b[0]));
    long peak = 0;
    long sum = 0;
    int from = 0;
    for (long[] event : events) {
      sum += event[1];
      while (events.get(from)[0] <= event[0] - MINUTE_MS) {
        sum -= events.get(from)[1];
        from++;
      }
      peak = Math.max(peak, sum);
    }
    return peak;
  }
}
