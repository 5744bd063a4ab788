package dev.beliefs.pipeline.sim;

import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the simulator saw of {@code POST /v1/chat/completions} and of batches, as {@code GET
 * /sim/stats} returns it (snake_case JSON).
 *
 * @param requests chat completion requests received
 * @param requestsByStatus responses by HTTP status ({@code "200"}, {@code "429"} ...), and {@code
 *     "timeout"} for requests held and dropped unanswered
 * @param faultsInjected injected faults by kind ({@code "429"}, {@code "malformed"} ...)
 * @param inFlight requests received and not yet answered or dropped
 * @param maxInFlight the most requests in flight at once
 * @param promptTokensBilled prompt tokens of 200 answers, malformed and truncated ones included;
 *     errors and timeouts are not billed. Counted by the simulator's own formula ({@link
 *     dev.beliefs.pipeline.sim.accounting.PromptTokens}), cached ones included
 * @param completionTokensBilled completion tokens of the same answers, reasoning tokens included
 * @param peakRequestsPerMinute most requests received in any 60-s sliding window (every request,
 *     whatever its outcome)
 * @param peakTokensPerMinute most rate-limit tokens taken by admitted requests in any 60-s sliding
 *     window: the quantity {@code --tpm} limits, each request counted by its {@link
 *     dev.beliefs.pipeline.sim.accounting.RateLimitCharge} (characters / 4 + {@code max_tokens})
 * @param firstRequestEpochMs arrival of the first request, null before any
 * @param lastResponseEpochMs the last response sent or request dropped, null before any
 * @param serviceTimesMs for each 200 answer, in the order answered, the latency the model applied
 * @param admittedPerSecond requests admitted by the rate limiter, the tokens they took and the
 *     fewest tokens left after one of them, per second, for measuring the sustained rate
 * @param filesUploaded {@code POST /v1/files} accepted
 * @param batchesCreated {@code POST /v1/batches} accepted
 * @param batchRequests lines of batches answered, whatever the answer
 * @param batchRequestsByStatus those lines by status ({@code "200"}, {@code "500"} ...), and {@code
 *     "expired"} for lines the completion window closed on
 * @param batchPromptTokensBilled prompt tokens of the batch lines answered 200; not in {@code
 *     promptTokensBilled}
 * @param batchCompletionTokensBilled completion tokens of the same lines
 * @param cachedPromptTokensBilled the part of {@code promptTokensBilled} served by the prompt
 *     cache, billed at the cached price
 * @param reasoningTokensBilled the part of {@code completionTokensBilled} not written in the
 *     answers' content (see {@link Completion})
 * @param promptCacheHits 200 answers with cached prompt tokens
 * @param limitRequestsPerMinute the RPM limit enforced, 0 for none
 * @param limitTokensPerMinute the TPM limit enforced, 0 for none
 * @param billedPerSecond 200 answers and their billed tokens, per second of answering
 */
public record StatsSnapshot(
    long requests,
    Map<String, Long> requestsByStatus,
    Map<String, Long> faultsInjected,
    long inFlight,
    long maxInFlight,
    long promptTokensBilled,
    long completionTokensBilled,
    long peakRequestsPerMinute,
    long peakTokensPerMinute,
    @Nullable Long firstRequestEpochMs,
    @Nullable Long lastResponseEpochMs,
    List<Long> serviceTimesMs,
    List<AdmittedSecond> admittedPerSecond,
    long filesUploaded,
    long batchesCreated,
    long batchRequests,
    Map<String, Long> batchRequestsByStatus,
    long batchPromptTokensBilled,
    long batchCompletionTokensBilled,
    long cachedPromptTokensBilled,
    long reasoningTokensBilled,
    long promptCacheHits,
    long limitRequestsPerMinute,
    long limitTokensPerMinute,
    List<BilledSecond> billedPerSecond) {

  /**
   * Requests admitted in one second, the rate-limit tokens they took, and the fewest tokens the
   * bucket held after one of them.
   */
  public record AdmittedSecond(
      long epochSecond, long requests, long tokens, long minRemainingTokens) {}

  /** Answers sent in one second and the tokens billed for them. */
  public record BilledSecond(
      long epochSecond,
      long requests,
      long promptTokens,
      long cachedPromptTokens,
      long completionTokens) {}

  /** Responses with this status so far ({@code 200}, {@code 429} ...). */
  public long withStatus(int status) {
    return requestsByStatus.getOrDefault(Integer.toString(status), 0L);
  }
}
