package dev.beliefs.extract;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.FlinkSubtask;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.CallScheduler;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.limits.Sharing;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.progress.ChunkTally;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * The worker of {@link ExtractBeliefs}: takes chunks in as they come, hands them to its share's
 * {@link CallScheduler} and emits each outcome as its call ends, from whichever of {@code
 * processElement} and {@code finishBundle} runs next (the runner's thread; Beam allows output only
 * there). Results of other chunks are emitted with the current element's window, which is the
 * global one for every chunk.
 *
 * <p>When it is interrupted (a runner cancelling the task) or fails, it gives up at once: chunks
 * not yet asked are never asked, calls in flight are abandoned, and on Flink its share's scheduler
 * and HTTP connections are closed, which ends the calls in flight.
 */
class ExtractChunkFn extends DoFn<Chunk, ChunkResult> {

  /**
   * Which scheduler the workers of one transform share, the step's workers, the backlog and the
   * progress tally.
   */
  record Scheduling(
      String key, int workers, Sharing sharing, ChunkBacklog backlog, ChunkTally tally)
      implements Serializable {}

  private final ExtractionMetrics metrics = new ExtractionMetrics();

  private final BeliefExtractorFactory extractors;
  private final ModelPrice price;
  private final Scheduling scheduling;
  private final TupleTag<ChunkResult> extracted;
  private final TupleTag<ChunkFailure> failed;
  private transient int capacity;
  private transient BeliefExtractor extractor;
  private transient CallScheduler scheduler;
  private transient HeldChunks<Placed> held;
  private transient long takenThisBundle;
  private transient boolean released;

  /** Where a chunk's outcome goes in finishBundle: the chunk's own timestamp and window. */
  private record Placed(Instant timestamp, BoundedWindow window) {}

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
    Share share = scheduling.sharing().resolve(scheduling.workers());
    int slots = (int) share.partOf(scheduling.workers());
    capacity = ExtractBeliefs.HELD_PER_SLOT * slots;
    extractor = extractors.create(share);
    scheduler = CallScheduler.acquire(scheduling.key() + ":" + share.key(), slots, capacity);
    released = false;
  }

  @StartBundle
  public void startBundle() {
    held = new HeldChunks<>(scheduler, capacity, this::extract);
    takenThisBundle = 0;
  }

  @ProcessElement
  public void process(
      @Element Chunk chunk,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      MultiOutputReceiver out)
      throws InterruptedException {
    scheduling.tally().arrived();
    takenThisBundle++;
    try {
      held.take(
          chunk,
          new Placed(timestamp, window),
          ended -> {
            if (ended.outcome() instanceof ChunkResult result) {
              metrics.count(result.stats());
              out.get(extracted).output(result);
            } else {
              ChunkFailure failure = (ChunkFailure) ended.outcome();
              metrics.count(failure.stats());
              out.get(failed).output(failure);
            }
          });
    } catch (InterruptedException | RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws InterruptedException {
    if (FlinkSubtask.isCancellingChainedTasks()) {
      // The task failed or was cancelled: the results would go nowhere, the calls would cost.
      stop();
      return;
    }
    try {
      held.finish(
          ended -> {
            Placed placed = ended.pending();
            if (ended.outcome() instanceof ChunkResult result) {
              metrics.count(result.stats());
              context.output(extracted, result, placed.timestamp(), placed.window());
            } else {
              ChunkFailure failure = (ChunkFailure) ended.outcome();
              metrics.count(failure.stats());
              context.output(failed, failure, placed.timestamp(), placed.window());
            }
          });
    } catch (InterruptedException | RuntimeException | Error e) {
      stop();
      throw e;
    }
    giveRoomBack();
  }

  /**
   * The bundle's chunks leave the backlog once the bundle ends, not as each call ends: a runner
   * without backpressure holds a bundle's outcomes until then, so reading must count them.
   */
  private void giveRoomBack() {
    scheduling.backlog().done(takenThisBundle);
    takenThisBundle = 0;
  }

  /** A {@link ChunkResult} or a {@link ChunkFailure}; runs on the scheduler's threads. */
  private Object extract(Chunk chunk) {
    ChunkTally tally = scheduling.tally();
    tally.started();
    try {
      return tally.finished(
          ChunkOutcomes.result(chunk, extractor.extract(chunk), extractors.model(), price));
    } catch (ExtractionFailedException e) {
      return tally.finished(ChunkOutcomes.failure(chunk, e, extractors.model(), price));
    }
  }

  @Teardown
  public void teardown() {
    stop();
  }

  /** Abandons what this worker holds and gives back its uses of the scheduler and extractor. */
  private void stop() {
    if (held != null) {
      held.abandon();
      giveRoomBack();
    }
    if (released) {
      return;
    }
    released = true;
    if (scheduler != null) {
      scheduler.release();
    }
    if (extractor != null) {
      extractor.close();
    }
  }
}
