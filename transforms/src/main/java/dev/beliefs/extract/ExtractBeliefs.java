package dev.beliefs.extract;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.progress.ChunkTally;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
  private ChunkTally tally = ChunkTally.of(schedulerKey);

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

  /** Counts each chunk as its call starts and ends, for a progress display. */
  public ExtractBeliefs withProgress(ChunkTally tally) {
    this.tally = tally;
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
                        new Scheduling(schedulerKey, inFlight, backlog, tally),
                        extracted,
                        failed))
                .withOutputTags(extracted, TupleTagList.of(failed)));
    return new Result(outputs.get(extracted), outputs.get(failed));
  }

  static class ExtractChunkFn extends DoFn<Chunk, ChunkResult> {
    private final ExtractionMetrics metrics = new ExtractionMetrics();

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
      scheduling.tally().arrived();
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
          metrics.count(result.stats());
          context.output(extracted, result, pending.timestamp, pending.window);
        } else {
          ChunkFailure failure = (ChunkFailure) outcome;
          metrics.count(failure.stats());
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
     * A {@link ChunkResult} or a {@link ChunkFailure}; runs on the scheduler's threads. The chunk
     * leaves the backlog as soon as it is done, so reading can go on while the bundle finishes.
     */
    private Object extract(Chunk chunk) {
      scheduling.tally().started();
      try {
        return scheduling
            .tally()
            .finished(
                ChunkOutcomes.result(chunk, extractor.extract(chunk), extractors.model(), price));
      } catch (ExtractionFailedException e) {
        return scheduling
            .tally()
            .finished(ChunkOutcomes.failure(chunk, e, extractors.model(), price));
      } finally {
        scheduling.backlog().done(1);
      }
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

  /**
   * Which scheduler the DoFn instances of one transform share, its size, the backlog and the
   * progress tally.
   */
  private record Scheduling(String key, int inFlight, ChunkBacklog backlog, ChunkTally tally)
      implements Serializable {}
}
