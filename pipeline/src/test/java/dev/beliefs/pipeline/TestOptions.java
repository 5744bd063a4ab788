package dev.beliefs.pipeline;

import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@link BeliefOptions} from command-line arguments, unchecked, for tests of what they become. */
final class TestOptions {

  private TestOptions() {}

  static BeliefOptions parse(String... args) {
    PipelineOptionsFactory.register(BeliefOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(BeliefOptions.class);
  }
}
