package dev.beliefs.extract;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.grounding.Grounding;
import dev.beliefs.extract.limits.CallScheduler;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.limits.Sharing;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.progress.ChunkTally;
import java.util.UUID;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Asks the extractor for each chunk's beliefs, grounds them ({@link Grounding}) and prices the
 * usage. A chunk that fails after its last attempt goes to {@link Result#failures()} with {@code
 * stage=extract}, the reason, the attempts and what they cost. Expects chunks in the global window
 * (a bounded input, as the job reads).
 *
 * <p>{@code workers} is the number of requests in flight for the whole step, on every runner. How
 * the workers split it, and the rate limits and spending cap the extractor holds, is the {@link
 * Sharing}: the whole JVM's by default; with {@link Sharing#PER_FLINK_SUBTASK} each subtask holds
 * an equal {@link Share}, and the chunks are first spread evenly over the subtasks ({@code
 * SpreadChunks}, a reshuffle by random key), so that every share has work whatever transcript a
 * chunk came from.
 *
 * <p>Calls run on a {@link CallScheduler} per share, longest chunk first. A chunk's call starts as
 * it arrives (after the first window is gathered) and its result is emitted as the call ends; a
 * share holds at most {@value #HELD_PER_SLOT} chunks per request in flight, so that memory does not
 * grow with the input: a worker with no room waits, which holds the runner's reading back. The
 * extractor must be safe for concurrent use.
 */
public class ExtractBeliefs extends PTransform<PCollection<Chunk>, ExtractBeliefs.Result> {

  /** The failure reason of a chunk not asked because its worst case did not fit in the cap. */
  public static final String OVER_BUDGET = "budget_exhausted";

  /** Chunks a share holds (waiting, in flight or answered) per request it may have in flight. */
  static final int HELD_PER_SLOT = 4;

  private final BeliefExtractorFactory extractors;
  private final ModelPrice price;
  private final int workers;
  private final ChunkBacklog backlog;
  private final Sharing sharing;
  private final ChunkTally tally;
  private final String schedulerKey = UUID.randomUUID().toString();

  /**
   * @param workers requests in flight for the whole step
   */
  public ExtractBeliefs(BeliefExtractorFactory extractors, ModelPrice price, int workers) {
    this(
        extractors,
        price,
        workers,
        ChunkBacklog.unbounded(),
        Sharing.WHOLE_JVM,
        ChunkTally.of(UUID.randomUUID().toString()));
  }

  private ExtractBeliefs(
      BeliefExtractorFactory extractors,
      ModelPrice price,
      int workers,
      ChunkBacklog backlog,
      Sharing sharing,
      ChunkTally tally) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.extractors = extractors;
    this.price = price;
    this.workers = workers;
    this.backlog = backlog;
    this.sharing = sharing;
    this.tally = tally;
  }

  /**
   * Counts each bundle's chunks out of {@code backlog} when the bundle ends and its outcomes go on,
   * for {@link dev.beliefs.beam.PaceReading}.
   */
  public ExtractBeliefs withBacklog(ChunkBacklog backlog) {
    return new ExtractBeliefs(extractors, price, workers, backlog, sharing, tally);
  }

  /** Counts each chunk as it arrives and as its call starts and ends, for a progress display. */
  public ExtractBeliefs withProgress(ChunkTally tally) {
    return new ExtractBeliefs(extractors, price, workers, backlog, sharing, tally);
  }

  /** How the step's workers split the requests in flight, the rate limits and the cap. */
  public ExtractBeliefs sharedBy(Sharing sharing) {
    return new ExtractBeliefs(extractors, price, workers, backlog, sharing, tally);
  }

  public record Result(PCollection<ChunkResult> results, PCollection<ChunkFailure> failures)
      implements RecordOutput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("results", results).and("failures", failures);
    }
  }

  @Override
  public Result expand(PCollection<Chunk> chunks) {
    if (!(chunks.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(
          "ExtractBeliefs emits results as calls end, outside their chunk's element: it needs"
              + " chunks in the global window");
    }
    PCollection<Chunk> spread =
        sharing == Sharing.PER_FLINK_SUBTASK
            ? chunks.apply("SpreadChunks", Reshuffle.viaRandomKey())
            : chunks;
    TupleTag<ChunkResult> extracted = new TupleTag<>() {};
    TupleTag<ChunkFailure> failed = new TupleTag<>() {};
    PCollectionTuple outputs =
        spread.apply(
            "AskModel",
            ParDo.of(
                    new ExtractChunkFn(
                        extractors,
                        price,
                        new ExtractChunkFn.Scheduling(
                            schedulerKey, workers, sharing, backlog, tally),
                        extracted,
                        failed))
                .withOutputTags(extracted, TupleTagList.of(failed)));
    return new Result(outputs.get(extracted), outputs.get(failed));
  }
}
