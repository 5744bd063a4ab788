package dev.beliefs.extract;

import dev.beliefs.model.Chunk;

/** Finds the beliefs in one chunk. Built on a worker by a {@link BeliefExtractorFactory}. */
public interface BeliefExtractor extends AutoCloseable {

  Extraction extract(Chunk chunk) throws ExtractionFailedException;

  @Override
  default void close() {}
}
