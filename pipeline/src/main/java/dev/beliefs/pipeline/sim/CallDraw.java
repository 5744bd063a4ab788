package dev.beliefs.pipeline.sim;

import java.util.Optional;

/**
 * The random draws of one attempt at a request: a pure function of the seed, the body's hash and
 * how often the same body was seen before, so that the same requests get the same faults and
 * latencies in any order and on any machine, and a retry is a new, repeatable draw.
 *
 * @param fault the fault to inject, if any
 */
record CallDraw(long seed, byte[] bodyHash, int seenBefore, Optional<Fault> fault) {

  /** A log-normal factor of mean 1 for {@code stream}, one stream per independent quantity. */
  double lognormalFactor(int stream, double sigma) {
    return SeededNoise.lognormalFactor(sigma, seed, bodyHash, seenBefore, stream);
  }
}
