package dev.beliefs.pipeline.progress;

/** Where progress is shown; called from one thread at a time. */
public interface ProgressView {

  void show(ProgressStatus status);

  /** The job is over: leave the display tidy for the lines that follow. */
  default void close() {}
}
