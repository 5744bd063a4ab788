package dev.beliefs.pipeline.sim;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How often each {@link Fault} is injected, and the decision for one request. The decision is a
 * pure function of the seed, the request body's hash and how many times that same body was seen
 * before, so a run is repeatable request by request and attempt by attempt, whatever the order in
 * which different requests arrive.
 *
 * @param probabilities probability of each fault per request; together at most 1
 */
public record FaultPlan(Map<Fault, Double> probabilities) {

  public static final FaultPlan NONE = new FaultPlan(Map.of());

  public FaultPlan {
    EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
    copy.putAll(probabilities);
    double sum = 0;
    for (Map.Entry<Fault, Double> entry : copy.entrySet()) {
      double p = entry.getValue();
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(
            "the probability of " + entry.getKey().specName() + " must be in [0, 1], got " + p);
      }
      sum += p;
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("fault probabilities add up to " + sum + ", more than 1");
    }
    probabilities = Collections.unmodifiableMap(copy);
  }

  /**
   * Parses {@code 429:0.1,500:0.05,503:0.01,timeout:0.02,malformed:0.02,truncated:0.01}; an empty
   * spec injects nothing.
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  public static FaultPlan parse(String spec) {
    EnumMap<Fault, Double> probabilities = new EnumMap<>(Fault.class);
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    for (String part : spec.split(",")) {
      String[] kindAndProbability = part.strip().split(":", -1);
      if (kindAndProbability.length != 2) {
        throw new IllegalArgumentException(
            "'" + part.strip() + "' is not KIND:PROBABILITY, e.g. 500:0.05");
      }
      Optional<Fault> fault = Fault.named(kindAndProbability[0].strip());
      if (fault.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown fault '"
                + kindAndProbability[0].strip()
                + "'; known: "
                + Arrays.stream(Fault.values())
                    .map(Fault::specName)
                    .collect(Collectors.joining(", ")));
      }
      double probability;
      try {
        probability = Double.parseDouble(kindAndProbability[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + kindAndProbability[1].strip() + "' is not a probability");
      }
      if (probabilities.put(fault.get(), probability) != null) {
        throw new IllegalArgumentException(fault.get().specName() + " is given twice");
      }
    }
    return new FaultPlan(probabilities);
  }

  /** The spec this plan parses from, e.g. {@code 429:0.1,timeout:0.02}; empty for none. */
  public String spec() {
    return probabilities.entrySet().stream()
        .map(e -> e.getKey().specName() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /**
   * The fault for a request, or empty to answer it normally: a uniform draw from SHA-256 of (seed,
   * body hash, times seen before), laid against the probabilities in {@link Fault} order.
   */
  public Optional<Fault> decide(long seed, byte[] bodyHash, int seenBefore) {
    double draw = uniform(seed, bodyHash, seenBefore);
    double upTo = 0;
    for (Map.Entry<Fault, Double> entry : probabilities.entrySet()) {
      upTo += entry.getValue();
      if (draw < upTo) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  private static double uniform(long seed, byte[] bodyHash, int seenBefore) {
    MessageDigest sha256 = sha256();
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    sha256.update(bodyHash);
    sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(seenBefore).array());
    long bits = ByteBuffer.wrap(sha256.digest()).getLong();
    return (bits >>> 11) * 0x1.0p-53;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
