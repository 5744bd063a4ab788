package dev.beliefs.pipeline.sim;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The random draws of one request: a pure function of the seed, the body's hash and how often the
 * same body was seen before, so that the same requests get the same faults, answer lengths and
 * latencies in any order and on any machine.
 *
 * @param fault the fault to inject, if any
 */
record CallDraw(long seed, byte[] bodyHash, int seenBefore, Optional<Fault> fault) {

  /** A draw for tests and for answers that need no noise: seed 0, an empty body, no fault. */
  static CallDraw fixed(long seed) {
    return new CallDraw(seed, new byte[0], 0, Optional.empty());
  }

  /** A uniform draw in [0, 1) for {@code stream}: one stream per independent quantity. */
  double uniform(int stream) {
    MessageDigest sha256 = FaultPlan.sha256();
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    sha256.update(bodyHash);
    sha256.update(ByteBuffer.allocate(2 * Integer.BYTES).putInt(seenBefore).putInt(stream).array());
    long bits = ByteBuffer.wrap(sha256.digest()).getLong();
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** A standard normal draw for {@code stream} (Box-Muller on two uniform draws). */
  double normal(int stream) {
    double u1 = 1 - uniform(2 * stream);
    double u2 = uniform(2 * stream + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A log-normal factor with mean 1 and log-standard deviation {@code sigma}: exp(sigma z - sigma^2
   * / 2). Heavy-tailed: with sigma 0.5, one call in twenty takes more than twice the mean.
   */
  double lognormalFactor(int stream, double sigma) {
    return Math.exp(sigma * normal(stream) - sigma * sigma / 2);
  }
}
