package dev.beliefs.extract;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Usage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Asks the extractor for each chunk's beliefs, grounds them ({@link Grounding}) and prices the
 * usage. A chunk that fails after its last attempt goes to {@link Result#failures()} with {@code
 * stage=extract}, the reason, the attempts and what they cost.
 *
 * <p>Calls run on a {@link CallScheduler} with {@code inFlight} calls at once per JVM, longest
 * chunk first, whatever the runner's threads: each bundle's chunks are handed to the scheduler when
 * the bundle finishes, and their results are emitted once all are back. The extractor must be safe
 * for concurrent use.
 */
public class ExtractBeliefs extends PTransform<PCollection<Chunk>, ExtractBeliefs.Result> {

  private final BeliefExtractorFactory extractors;
  private final ModelPrice price;
  private final int inFlight;
  private final String schedulerKey = UUID.randomUUID().toString();
  private ChunkBacklog backlog = ChunkBacklog.unbounded();

  /**
   * @param inFlight calls at once per JVM
   */
  public ExtractBeliefs(BeliefExtractorFactory extractors, ModelPrice price, int inFlight) {
    if (inFlight < 1) {
      throw new IllegalArgumentException("inFlight must be >= 1, got " + inFlight);
    }
    this.extractors = extractors;
    this.price = price;
    this.inFlight = inFlight;
  }

  /** Counts each chunk done out of {@code backlog}, for {@link dev.beliefs.beam.PaceReading}. */
  public ExtractBeliefs withBacklog(ChunkBacklog backlog) {
    this.backlog = backlog;
    return this;
  }

  public record Result(PCollection<ChunkResult> results, PCollection<ChunkFailure> failures)
      implements RecordOutput {}

  @Override
  public Result expand(PCollection<Chunk> chunks) {
    TupleTag<ChunkResult> extracted = new TupleTag<>() {};
    TupleTag<ChunkFailure> failed = new TupleTag<>() {};
    PCollectionTuple outputs =
        chunks.apply(
            "AskModel",
            ParDo.of(
                    new ExtractChunkFn(
                        extractors,
                        price,
                        new Scheduling(schedulerKey, inFlight, backlog),
                        extracted,
                        failed))
                .withOutputTags(extracted, TupleTagList.of(failed)));
    return new Result(outputs.get(extracted), outputs.get(failed));
  }

  static class ExtractChunkFn extends DoFn<Chunk, ChunkResult> {
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
    private final Distribution latencyMs = Metrics.distribution(ExtractBeliefs.class, "latency_ms");

    private final BeliefExtractorFactory extractors;
    private final ModelPrice price;
    private final Scheduling scheduling;
    private final TupleTag<ChunkResult> extracted;
    private final TupleTag<ChunkFailure> failed;
    private transient BeliefExtractor extractor;
    private transient CallScheduler scheduler;
    private transient List<Pending> bundle;

    ExtractChunkFn(
        BeliefExtractorFactory extractors,
        ModelPrice price,
        Scheduling scheduling,
        TupleTag<ChunkResult> extracted,
        TupleTag<ChunkFailure> failed) {
      this.extractors = extractors;
      this.price = price;
      this.scheduling = scheduling;
      this.extracted = extracted;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      extractor = extractors.create();
      scheduler = CallScheduler.acquire(scheduling.key(), scheduling.inFlight());
    }

    @StartBundle
    public void startBundle() {
      bundle = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element Chunk chunk, @Timestamp Instant timestamp, BoundedWindow window) {
      bundle.add(new Pending(chunk, timestamp, window));
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws InterruptedException {
      // Idle slots take calls in the order they come, before the queue can order them.
      bundle.sort(Comparator.comparingInt((Pending p) -> -p.chunk.estimatedPromptTokens()));
      List<Future<Object>> outcomes = new ArrayList<>();
      for (Pending pending : bundle) {
        outcomes.add(
            scheduler.submit(pending.chunk.estimatedPromptTokens(), () -> extract(pending.chunk)));
      }
      for (int i = 0; i < bundle.size(); i++) {
        Pending pending = bundle.get(i);
        Object outcome = await(outcomes.get(i));
        if (outcome instanceof ChunkResult result) {
          count(result.stats());
          context.output(extracted, result, pending.timestamp, pending.window);
        } else {
          ChunkFailure failure = (ChunkFailure) outcome;
          count(failure.stats());
          context.output(failed, failure, pending.timestamp, pending.window);
        }
      }
      bundle = new ArrayList<>();
    }

    private static Object await(Future<Object> outcome) throws InterruptedException {
      try {
        return outcome.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("extraction crashed: " + e.getCause(), e.getCause());
      }
    }

    /**
     * Updates the metrics on the bundle's thread: Beam's metric containers belong to the runner's
     * threads, not to the scheduler's.
     */
    private void count(CallStats stats) {
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
    }

    /**
     * A {@link ChunkResult} or a {@link ChunkFailure}; runs on the scheduler's threads. The chunk
     * leaves the backlog as soon as it is done, so reading can go on while the bundle finishes.
     */
    private Object extract(Chunk chunk) {
      try {
        return outcome(chunk);
      } finally {
        scheduling.backlog().done(1);
      }
    }

    private Object outcome(Chunk chunk) {
      try {
        Extraction extraction = extractor.extract(chunk);
        Grounding.Outcome grounded = Grounding.ground(chunk, extraction.beliefs());
        CallStats stats =
            stats(
                chunk,
                true,
                extraction.requests(),
                extraction.rateLimited(),
                extraction.usage(),
                extraction.latencyMs(),
                grounded.kept().size(),
                grounded.dropped(),
                extraction.fromCache(),
                extraction.savedUsage(),
                extraction.cacheCorrupt());
        return new ChunkResult(
            chunk.id(), chunk.transcriptId(), chunk.level(), grounded.kept(), stats);
      } catch (ExtractionFailedException e) {
        CallStats stats =
            stats(
                chunk,
                false,
                e.requests(),
                e.rateLimited(),
                e.billed(),
                e.latencyMs(),
                0,
                0,
                false,
                Usage.NONE,
                e.cacheCorrupt());
        Failure failure =
            new Failure(
                chunk.id(), Failure.STAGE_EXTRACT, e.reason(), e.getMessage(), e.requests());
        return new ChunkFailure(chunk.transcriptId(), failure, stats);
      }
    }

    private CallStats stats(
        Chunk chunk,
        boolean succeeded,
        int attempts,
        int limited,
        Usage usage,
        long latency,
        int kept,
        int dropped,
        boolean fromCache,
        Usage savedUsage,
        boolean corrupt) {
      return new CallStats(
          extractors.model(),
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
          price.cost(savedUsage),
          corrupt,
          System.currentTimeMillis());
    }

    @Teardown
    public void teardown() {
      if (scheduler != null) {
        scheduler.release();
      }
      if (extractor != null) {
        extractor.close();
      }
    }

    private record Pending(Chunk chunk, Instant timestamp, BoundedWindow window) {}
  }

  /** Which scheduler the DoFn instances of one transform share, its size, and the backlog. */
  private record Scheduling(String key, int inFlight, ChunkBacklog backlog)
      implements Serializable {}
}
