package dev.beliefs.extract.limits;

import dev.beliefs.beam.FlinkSubtask;
import java.util.UUID;

/**
 * How the extraction step's workers find their {@link Share} of the job's requests in flight, rate
 * limits and spending cap, so that the whole job stays within them whatever runs where.
 */
public enum Sharing {

  /**
   * The whole job runs in this JVM (the DirectRunner): every worker of the step shares the whole,
   * one scheduler, gate and budget.
   */
  WHOLE_JVM,

  /**
   * On Flink: each subtask of the extraction step holds an equal share, whichever TaskManager it
   * runs on, read from its task thread ({@link FlinkSubtask}). A restarted attempt of a subtask
   * holds the same share with state of its own.
   */
  PER_FLINK_SUBTASK;

  /**
   * The share of the worker calling this, in {@code @Setup}.
   *
   * @throws IllegalStateException on Flink, when not on a Flink task thread, or when there are more
   *     subtasks than {@code workers}, which would leave a subtask without a request in flight
   */
  public Share resolve(int workers) {
    if (this == WHOLE_JVM) {
      return Share.whole();
    }
    FlinkSubtask subtask =
        FlinkSubtask.ofCurrentThread()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the extraction step shares --workers, limits and budget over Flink"
                            + " subtasks, but runs on '"
                            + Thread.currentThread().getName()
                            + "', not a Flink task thread"));
    if (subtask.parallelism() > workers) {
      throw new IllegalStateException(
          "the extraction step runs as "
              + subtask.parallelism()
              + " Flink subtasks but --workers="
              + workers
              + ": each subtask holds at least one of the requests in flight; set --workers to at"
              + " least the parallelism, or lower the parallelism");
    }
    return new Share(subtask.index(), subtask.parallelism(), UUID.randomUUID().toString());
  }
}
