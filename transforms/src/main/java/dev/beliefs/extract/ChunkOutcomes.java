package dev.beliefs.extract;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.grounding.Grounding;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Usage;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns what asking for a chunk gave into its {@link ChunkResult} or {@link ChunkFailure}: the
 * beliefs are grounded ({@link Grounding}) and every billed token priced, the same way whether the
 * answer came online, from the cache or from a batch.
 */
public final class ChunkOutcomes {

  private ChunkOutcomes() {}

  /** The chunk's grounded beliefs and what getting them cost at {@code price}. */
  public static ChunkResult result(
      Chunk chunk, Extraction extraction, String model, ModelPrice price) {
    Grounding.Outcome grounded = Grounding.ground(chunk, extraction.beliefs());
    CallStats stats =
        stats(
            chunk,
            model,
            price,
            true,
            extraction.requests(),
            extraction.rateLimited(),
            extraction.usage(),
            extraction.latencyMs(),
            grounded.kept().size(),
            grounded.dropped(),
            grounded.injectionDropped(),
            extraction.fromCache(),
            extraction.savedUsage(),
            extraction.cacheCorrupt(),
            extraction.lost(),
            extraction.deduplicated(),
            null);
    return new ChunkResult(chunk.id(), chunk.transcriptId(), chunk.level(), grounded.kept(), stats);
  }

  /** The chunk's dead-letter record, {@code stage=extract}, and what its attempts cost. */
  public static ChunkFailure failure(
      Chunk chunk, ExtractionFailedException e, String model, ModelPrice price) {
    CallStats stats =
        stats(
            chunk,
            model,
            price,
            false,
            e.requests(),
            e.rateLimited(),
            e.billed(),
            e.latencyMs(),
            0,
            0,
            0,
            false,
            Usage.NONE,
            e.cacheCorrupt(),
            e.lost(),
            false,
            e.reason());
    Failure failure =
        new Failure(chunk.id(), Failure.STAGE_EXTRACT, e.reason(), e.getMessage(), e.requests());
    return new ChunkFailure(chunk.transcriptId(), failure, stats);
  }

  private static CallStats stats(
      Chunk chunk,
      String model,
      ModelPrice price,
      boolean succeeded,
      int attempts,
      int limited,
      Usage usage,
      long latency,
      int kept,
      int dropped,
      int injection,
      boolean fromCache,
      Usage savedUsage,
      boolean corrupt,
      LostRequests lost,
      boolean deduplicated,
      @Nullable String failureReason) {
    return new CallStats(
        model,
        chunk.level(),
        succeeded,
        attempts,
        Math.max(0, attempts - 1),
        limited,
        fromCache,
        usage,
        price.cost(usage),
        latency,
        kept,
        dropped,
        injection,
        price.cost(savedUsage),
        corrupt,
        System.currentTimeMillis(),
        lost.count(),
        price.cost(lost.worstCase()),
        deduplicated,
        failureReason);
  }
}
