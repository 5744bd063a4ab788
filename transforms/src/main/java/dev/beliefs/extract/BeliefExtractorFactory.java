package dev.beliefs.extract;

import dev.beliefs.extract.limits.Share;
import java.io.Serializable;

/**
 * Builds a {@link BeliefExtractor} where it runs. Holds only configuration, never a client or a
 * secret, because it travels with the pipeline to the workers.
 */
public interface BeliefExtractorFactory extends Serializable {

  /**
   * An extractor for a worker holding {@code share} of the job's requests, rate limits and spending
   * cap; workers of one share in a JVM may share its state.
   */
  BeliefExtractor create(Share share);

  /** The model asked, as accounted in costs and summaries. */
  String model();
}
