package dev.beliefs.extract;

import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Usage;
import java.util.List;

/**
 * A chunk's answer and what getting it took.
 *
 * @param beliefs beliefs as the model stated them, not yet grounded
 * @param usage tokens of every billed attempt, failed ones included
 * @param requests requests sent, retries included
 * @param rateLimited requests answered 429
 * @param latencyMs from the first request to the answer
 * @param fromCache the answer came from the response cache: no request, no cost
 * @param savedUsage for an answer from the cache, the usage it was billed when first asked
 * @param cacheCorrupt a cache entry for this request was there but unusable, and was replaced
 * @param deduplicated the answer is that of an identical request of the same run, for another
 *     chunk: no request, no cost, and not a cache hit
 * @param lost requests of this chunk whose answers never came back, though they may be billed
 */
public record Extraction(
    List<ModelBelief> beliefs,
    Usage usage,
    int requests,
    int rateLimited,
    long latencyMs,
    boolean fromCache,
    Usage savedUsage,
    boolean cacheCorrupt,
    boolean deduplicated,
    LostRequests lost) {

  public Extraction {
    beliefs = List.copyOf(beliefs);
  }

  /** A live answer (or an extractor without a cache). */
  public Extraction(
      List<ModelBelief> beliefs, Usage usage, int requests, int rateLimited, long latencyMs) {
    this(
        beliefs,
        usage,
        requests,
        rateLimited,
        latencyMs,
        false,
        Usage.NONE,
        false,
        false,
        LostRequests.NONE);
  }

  /** An answer from the cache, billed {@code savedUsage} when it was first asked. */
  public static Extraction fromCache(List<ModelBelief> beliefs, Usage savedUsage, long latencyMs) {
    return new Extraction(
        beliefs, Usage.NONE, 0, 0, latencyMs, true, savedUsage, false, false, LostRequests.NONE);
  }

  /** The answer another chunk of this run paid for, to the identical request. */
  public static Extraction deduplicated(List<ModelBelief> beliefs, long latencyMs) {
    return new Extraction(
        beliefs, Usage.NONE, 0, 0, latencyMs, false, Usage.NONE, false, true, LostRequests.NONE);
  }

  public Extraction withCacheCorrupt(boolean corrupt) {
    return new Extraction(
        beliefs,
        usage,
        requests,
        rateLimited,
        latencyMs,
        fromCache,
        savedUsage,
        corrupt,
        deduplicated,
        lost);
  }
}
