package dev.beliefs.extract;

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
 * @param fromCache the answer came from the {@link ResponseCache}: no request, no cost
 * @param savedUsage for an answer from the cache, the usage it was billed when first asked
 * @param cacheCorrupt a cache entry for this request was there but unusable, and was replaced
 */
public record Extraction(
    List<ModelBelief> beliefs,
    Usage usage,
    int requests,
    int rateLimited,
    long latencyMs,
    boolean fromCache,
    Usage savedUsage,
    boolean cacheCorrupt) {

  public Extraction {
    beliefs = List.copyOf(beliefs);
  }

  /** A live answer (or an extractor without a cache). */
  public Extraction(
      List<ModelBelief> beliefs, Usage usage, int requests, int rateLimited, long latencyMs) {
    this(beliefs, usage, requests, rateLimited, latencyMs, false, Usage.NONE, false);
  }

  /** An answer from the cache, billed {@code savedUsage} when it was first asked. */
  public static Extraction fromCache(List<ModelBelief> beliefs, Usage savedUsage, long latencyMs) {
    return new Extraction(beliefs, Usage.NONE, 0, 0, latencyMs, true, savedUsage, false);
  }

  public Extraction withCacheCorrupt(boolean corrupt) {
    return new Extraction(
        beliefs, usage, requests, rateLimited, latencyMs, fromCache, savedUsage, corrupt);
  }
}
