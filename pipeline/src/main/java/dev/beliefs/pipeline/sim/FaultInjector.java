package dev.beliefs.pipeline.sim;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a {@link FaultPlan} to the requests as they come: counts how often each body has been
 * seen, so that a retry of the same request is a new, but repeatable, draw.
 */
final class FaultInjector {

  private final FaultPlan plan;
  private final long seed;
  private final ConcurrentHashMap<ByteBuffer, AtomicInteger> seen = new ConcurrentHashMap<>();

  FaultInjector(FaultPlan plan, long seed) {
    this.plan = plan;
    this.seed = seed;
  }

  /** The fault for this request body, counting it as seen once more. */
  Optional<Fault> next(byte[] body) {
    if (plan.probabilities().isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = FaultPlan.sha256().digest(body);
    int seenBefore =
        seen.computeIfAbsent(ByteBuffer.wrap(hash), h -> new AtomicInteger()).getAndIncrement();
    return plan.decide(seed, hash, seenBefore);
  }

  /** Forgets every body seen. */
  void reset() {
    seen.clear();
  }
}
