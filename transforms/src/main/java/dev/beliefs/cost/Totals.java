package dev.beliefs.cost;

import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.CallStats;
import java.io.Serializable;
import java.math.BigDecimal;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What a set of chunk extractions cost and produced. Adding is exact and order-free. {@code
 * lostRequests} were sent and never answered here, so they are not in {@code costUsd} although the
 * API may bill them: at most {@code lostCostBoundUsd}. {@code deduplicated} chunks were answered by
 * an identical request of the same run, neither sent nor cache hits.
 */
@DefaultCoder(JsonCoder.class)
public record Totals(
    long chunks,
    long chunksFailed,
    long requests,
    long cacheHits,
    long retries,
    long rateLimited,
    long promptTokens,
    long cachedPromptTokens,
    long completionTokens,
    BigDecimal costUsd,
    long beliefs,
    long ungroundedDropped,
    long injectionDropped,
    long cacheCorrupt,
    BigDecimal savedUsd,
    long lostRequests,
    BigDecimal lostCostBoundUsd,
    long deduplicated)
    implements Serializable {

  public static final Totals ZERO =
      new Totals(
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          BigDecimal.ZERO,
          0,
          0,
          0,
          0,
          BigDecimal.ZERO,
          0,
          BigDecimal.ZERO,
          0);

  public static Totals of(CallStats stats) {
    return new Totals(
        1,
        stats.succeeded() ? 0 : 1,
        stats.requests(),
        stats.fromCache() ? 1 : 0,
        stats.retries(),
        stats.rateLimited(),
        stats.usage().promptTokens(),
        stats.usage().cachedPromptTokens(),
        stats.usage().completionTokens(),
        stats.costUsd(),
        stats.beliefs(),
        stats.ungroundedDropped(),
        stats.injectionDropped(),
        stats.cacheCorrupt() ? 1 : 0,
        stats.savedUsd(),
        stats.lostRequests(),
        stats.lostCostBoundUsd(),
        stats.deduplicated() ? 1 : 0);
  }

  public Totals plus(Totals other) {
    return new Totals(
        chunks + other.chunks,
        chunksFailed + other.chunksFailed,
        requests + other.requests,
        cacheHits + other.cacheHits,
        retries + other.retries,
        rateLimited + other.rateLimited,
        promptTokens + other.promptTokens,
        cachedPromptTokens + other.cachedPromptTokens,
        completionTokens + other.completionTokens,
        costUsd.add(other.costUsd),
        beliefs + other.beliefs,
        ungroundedDropped + other.ungroundedDropped,
        injectionDropped + other.injectionDropped,
        cacheCorrupt + other.cacheCorrupt,
        savedUsd.add(other.savedUsd),
        lostRequests + other.lostRequests,
        lostCostBoundUsd.add(other.lostCostBoundUsd),
        deduplicated + other.deduplicated);
  }
}
