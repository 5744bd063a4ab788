package dev.beliefs.io;

import dev.beliefs.cost.CostSummary;
import dev.beliefs.cost.Latency;
import dev.beliefs.cost.Totals;
import java.math.BigDecimal;
import java.util.SortedMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DIR/run-summary.json}. The counts add up: {@code chunks} (sent to extraction) = succeeded
 * + {@code chunks_failed}; windows too short to send are {@code chunks_skipped}; {@code
 * beliefs_found} grounded beliefs over all chunks merge into {@code beliefs}; {@code
 * ungrounded_dropped} were thrown away for evidence not in the transcript or unable to show them,
 * {@code injection_dropped} for citing an utterance that gives an AI system instructions. {@code
 * cost_usd} is what was spent, against the cap {@code max_cost_usd} when there is one; {@code
 * saved_usd} is what the {@code cache_hits} cost when they were first asked, and {@code
 * cache_corrupt} counts cache entries found unusable and asked again. Of the {@code transcripts}
 * read, {@code transcripts_skipped} were left alone because an incremental run found their results
 * already in the output. {@code batch} says the chunks went through the Batch API, priced at its
 * price.
 *
 * <p>{@code lost_requests} were sent but their answers never came back (timeouts, broken
 * connections, a worker lost with them in flight): they are in {@code requests} but not in {@code
 * cost_usd}, since their usage is unknown, though the API may bill them; {@code
 * lost_cost_bound_usd} is the most they can cost. {@code deduplicated} chunks were answered by an
 * identical request of the same run (two identical transcripts under different names), without a
 * request of their own. {@code chunks_over_budget} of the failed chunks were not asked because
 * their worst case did not fit in what was left of {@code max_cost_usd} ({@code failures/} names
 * them). {@code failure_reasons} counts the failed chunks by reason.
 */
public record RunSummary(
    long transcripts,
    long transcriptsFailed,
    long transcriptsSkipped,
    long chunks,
    long chunksFailed,
    long chunksSkipped,
    long requests,
    long cacheHits,
    long cacheCorrupt,
    long retries,
    long rateLimited,
    long beliefs,
    long beliefsFound,
    long ungroundedDropped,
    long injectionDropped,
    long promptTokens,
    long cachedPromptTokens,
    long completionTokens,
    BigDecimal costUsd,
    BigDecimal savedUsd,
    @Nullable Double wallSeconds,
    int workers,
    String runner,
    String model,
    boolean batch,
    String promptVersion,
    @Nullable BigDecimal maxCostUsd,
    SortedMap<Integer, Totals> perLevel,
    SortedMap<String, Totals> perModel,
    Latency latencyMs,
    long peakRequestsPerMinute,
    long peakTokensPerMinute,
    long lostRequests,
    BigDecimal lostCostBoundUsd,
    long deduplicated,
    long chunksOverBudget,
    SortedMap<String, Long> failureReasons) {

  public static final String FILE = "run-summary.json";

  /**
   * What the pipeline knows about its own configuration, for the summary.
   *
   * @param batch the chunks were sent through the Batch API (and priced at its price)
   */
  public record RunInfo(
      int workers,
      String runner,
      String model,
      boolean batch,
      String promptVersion,
      @Nullable BigDecimal maxCostUsd)
      implements java.io.Serializable {}

  public static RunSummary of(
      RunInfo info,
      long transcripts,
      long transcriptsFailed,
      long transcriptsSkipped,
      long chunksSkipped,
      long mergedBeliefs,
      long chunksOverBudget,
      CostSummary costs) {
    Totals total = costs.total();
    return new RunSummary(
        transcripts,
        transcriptsFailed,
        transcriptsSkipped,
        total.chunks(),
        total.chunksFailed(),
        chunksSkipped,
        total.requests(),
        total.cacheHits(),
        total.cacheCorrupt(),
        total.retries(),
        total.rateLimited(),
        mergedBeliefs,
        total.beliefs(),
        total.ungroundedDropped(),
        total.injectionDropped(),
        total.promptTokens(),
        total.cachedPromptTokens(),
        total.completionTokens(),
        total.costUsd(),
        total.savedUsd(),
        null,
        info.workers(),
        info.runner(),
        info.model(),
        info.batch(),
        info.promptVersion(),
        info.maxCostUsd(),
        costs.perLevel(),
        costs.perModel(),
        costs.latency(),
        costs.peakRequestsPerMinute(),
        costs.peakTokensPerMinute(),
        total.lostRequests(),
        total.lostCostBoundUsd(),
        total.deduplicated(),
        chunksOverBudget,
        costs.failureReasons());
  }

  public RunSummary withWallSeconds(double seconds) {
    return new RunSummary(
        transcripts,
        transcriptsFailed,
        transcriptsSkipped,
        chunks,
        chunksFailed,
        chunksSkipped,
        requests,
        cacheHits,
        cacheCorrupt,
        retries,
        rateLimited,
        beliefs,
        beliefsFound,
        ungroundedDropped,
        injectionDropped,
        promptTokens,
        cachedPromptTokens,
        completionTokens,
        costUsd,
        savedUsd,
        seconds,
        workers,
        runner,
        model,
        batch,
        promptVersion,
        maxCostUsd,
        perLevel,
        perModel,
        latencyMs,
        peakRequestsPerMinute,
        peakTokensPerMinute,
        lostRequests,
        lostCostBoundUsd,
        deduplicated,
        chunksOverBudget,
        failureReasons);
  }

  public boolean anyFailed() {
    return transcriptsFailed > 0 || chunksFailed > 0;
  }
}
