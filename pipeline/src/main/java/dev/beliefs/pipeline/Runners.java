package dev.beliefs.pipeline;

import org.apache.beam.runners.direct.DirectOptions;

/** Maps {@code --workers} onto the chosen runner's own notion of parallelism. */
final class Runners {

  private Runners() {}

  static void configure(BeliefOptions options) {
    options.as(DirectOptions.class).setTargetParallelism(options.getWorkers());
  }
}
