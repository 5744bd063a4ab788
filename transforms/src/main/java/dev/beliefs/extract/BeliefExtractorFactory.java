package dev.beliefs.extract;

import java.io.Serializable;

/**
 * Builds a {@link BeliefExtractor} where it runs. Holds only configuration, never a client or a
 * secret, because it travels with the pipeline to the workers.
 */
public interface BeliefExtractorFactory extends Serializable {

  BeliefExtractor create();

  /** The model asked, as accounted in costs and summaries. */
  String model();
}
