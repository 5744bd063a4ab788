package dev.beliefs.extract;

import dev.beliefs.model.CallStats;
import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The extraction step's metrics, in the namespace of {@link ExtractBeliefs} whichever way the
 * chunks were asked (online or in batches), so that progress reports and a Flink user's dashboard
 * read the same names. Update them on a runner's thread: Beam's metric containers belong to those.
 */
public final class ExtractionMetrics implements Serializable {

  private final Counter requests = Metrics.counter(ExtractBeliefs.class, "requests");
  private final Counter retries = Metrics.counter(ExtractBeliefs.class, "retries");
  private final Counter rateLimited = Metrics.counter(ExtractBeliefs.class, "rate_limited");
  private final Counter promptTokens = Metrics.counter(ExtractBeliefs.class, "prompt_tokens");
  private final Counter cachedPromptTokens =
      Metrics.counter(ExtractBeliefs.class, "cached_prompt_tokens");
  private final Counter completionTokens =
      Metrics.counter(ExtractBeliefs.class, "completion_tokens");
  private final Counter costMicroUsd = Metrics.counter(ExtractBeliefs.class, "cost_micro_usd");
  private final Counter cacheHits = Metrics.counter(ExtractBeliefs.class, "cache_hits");
  private final Counter cacheCorrupt = Metrics.counter(ExtractBeliefs.class, "cache_corrupt");
  private final Counter savedMicroUsd = Metrics.counter(ExtractBeliefs.class, "saved_micro_usd");
  private final Counter chunksDone = Metrics.counter(ExtractBeliefs.class, "chunks_done");
  private final Counter chunksFailed = Metrics.counter(ExtractBeliefs.class, "chunks_failed");
  private final Counter beliefs = Metrics.counter(ExtractBeliefs.class, "beliefs");
  private final Counter ungroundedDropped =
      Metrics.counter(ExtractBeliefs.class, "ungrounded_dropped");
  private final Counter injectionDropped =
      Metrics.counter(ExtractBeliefs.class, "injection_dropped");
  private final Distribution latencyMs = Metrics.distribution(ExtractBeliefs.class, "latency_ms");

  /** Counts one chunk's outcome. */
  public void count(CallStats stats) {
    requests.inc(stats.requests());
    retries.inc(stats.retries());
    rateLimited.inc(stats.rateLimited());
    promptTokens.inc(stats.usage().promptTokens());
    cachedPromptTokens.inc(stats.usage().cachedPromptTokens());
    completionTokens.inc(stats.usage().completionTokens());
    costMicroUsd.inc(stats.costUsd().movePointRight(6).longValue());
    savedMicroUsd.inc(stats.savedUsd().movePointRight(6).longValue());
    if (stats.fromCache()) {
      cacheHits.inc();
    } else {
      latencyMs.update(stats.latencyMs());
    }
    if (stats.cacheCorrupt()) {
      cacheCorrupt.inc();
    }
    (stats.succeeded() ? chunksDone : chunksFailed).inc();
    beliefs.inc(stats.beliefs());
    ungroundedDropped.inc(stats.ungroundedDropped());
    injectionDropped.inc(stats.injectionDropped());
  }
}
