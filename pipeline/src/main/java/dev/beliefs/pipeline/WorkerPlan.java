package dev.beliefs.pipeline;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.extract.limits.Sharing;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What {@code --workers} means on the chosen runner, decided once by {@link Runners#plan} and used
 * by every part that depends on it.
 *
 * @param requestsInFlight requests in flight for the whole job: the extraction step's workers, and
 *     {@code workers} in the run summary
 * @param parallelism the runner's parallelism (the DirectRunner's target parallelism, Flink's
 *     parallelism), or null where Flink decides it (under {@code flink run})
 * @param readAhead how many chunks reading may run ahead of extraction
 * @param sharing how the extraction step's subtasks split the requests in flight, the rate limits
 *     and the spending cap
 */
public record WorkerPlan(
    int requestsInFlight, @Nullable Integer parallelism, ChunkBacklog readAhead, Sharing sharing) {

  /** The same plan with reading never held back: the Batch API gathers every chunk first. */
  public WorkerPlan withoutReadAhead() {
    return new WorkerPlan(requestsInFlight, parallelism, ChunkBacklog.unbounded(), sharing);
  }
}
