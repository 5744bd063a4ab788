package dev.beliefs.pipeline.sim;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seeded draws of each request as it comes: its fault, from the {@link FaultPlan}, and the
 * noise of its answer. Counts how often each body has been seen, so that a retry of the same
 * request is a new, but repeatable, draw, whatever the order in which different requests arrive.
 */
final class RequestDraws {

  private final FaultPlan plan;
  private final long seed;
  private final ConcurrentHashMap<ByteBuffer, AtomicInteger> seen = new ConcurrentHashMap<>();

  RequestDraws(FaultPlan plan, long seed) {
    this.plan = plan;
    this.seed = seed;
  }

  /** The draws for this request body, counting it as seen once more. */
  CallDraw next(byte[] body) {
    byte[] hash = FaultPlan.sha256().digest(body);
    int seenBefore =
        seen.computeIfAbsent(ByteBuffer.wrap(hash), h -> new AtomicInteger()).getAndIncrement();
    return new CallDraw(seed, hash, seenBefore, plan.decide(seed, hash, seenBefore));
  }

  /** Forgets every body seen. */
  void reset() {
    seen.clear();
  }
}
