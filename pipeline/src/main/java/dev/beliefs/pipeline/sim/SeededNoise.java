package dev.beliefs.pipeline.sim;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Random draws that are pure functions of a seed, a key (a hash of what is drawn for) and small
 * discriminators, so that the same requests get the same draws in any order and on any machine.
 */
final class SeededNoise {

  private SeededNoise() {}

  /** A uniform draw in [0, 1). */
  static double uniform(long seed, byte[] key, int... discriminators) {
    MessageDigest sha256 = FaultPlan.sha256();
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    sha256.update(key);
    ByteBuffer more = ByteBuffer.allocate(discriminators.length * Integer.BYTES);
    for (int discriminator : discriminators) {
      more.putInt(discriminator);
    }
    sha256.update(more.array());
    long bits = ByteBuffer.wrap(sha256.digest()).getLong();
    return (bits >>> 11) * 0x1.0p-53;
  }

  /**
   * A log-normal factor with mean 1 and log-standard deviation {@code sigma}: exp(sigma z - sigma^2
   * / 2), z standard normal (Box-Muller). Heavy-tailed: with sigma 0.5, one draw in twenty is more
   * than twice the mean.
   */
  static double lognormalFactor(double sigma, long seed, byte[] key, int... discriminators) {
    int[] first = append(discriminators, 0);
    int[] second = append(discriminators, 1);
    double u1 = 1 - uniform(seed, key, first);
    double u2 = uniform(seed, key, second);
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(sigma * z - sigma * sigma / 2);
  }

  private static int[] append(int[] values, int last) {
    int[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }
}
