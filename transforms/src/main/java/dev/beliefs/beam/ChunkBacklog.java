package dev.beliefs.beam;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far reading may run ahead of extraction in one JVM: the chunks cut but not yet extracted.
 * Reading a transcript waits while {@code limit} or more are pending, so memory holds a bounded
 * number of transcripts and chunks however many files the input has.
 *
 * <p>For runners without backpressure of their own: the DirectRunner reads every file long before
 * the slow calls are done. A wait ends after {@value #MAX_WAIT_MS} ms even if the backlog is still
 * full, so that a runner that gave every thread to reading still makes progress. Flink
 * backpressures by itself and runs reading and extraction in one thread, where waiting would only
 * stall: it uses {@link #unbounded()}.
 */
public final class ChunkBacklog implements Serializable {

  static final long MAX_WAIT_MS = 5_000;

  private static final Map<String, Pending> PENDING = new ConcurrentHashMap<>();

  private final String key;
  private final long limit;

  private ChunkBacklog(String key, long limit) {
    this.key = key;
    this.limit = limit;
  }

  public static ChunkBacklog unbounded() {
    return new ChunkBacklog("", 0);
  }

  /** A new backlog of at most {@code limit} pending chunks, shared by one pipeline's steps. */
  public static ChunkBacklog of(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    return new ChunkBacklog(UUID.randomUUID().toString(), limit);
  }

  /** Waits, up to a few seconds, until fewer than the limit are pending. */
  public void awaitRoom() throws InterruptedException {
    if (limit > 0) {
      pending().awaitBelow(limit, MAX_WAIT_MS);
    }
  }

  public void added(long chunks) {
    if (limit > 0) {
      pending().add(chunks);
    }
  }

  public void done(long chunks) {
    if (limit > 0) {
      pending().add(-chunks);
    }
  }

  long pendingNow() {
    return limit > 0 ? pending().count() : 0;
  }

  private Pending pending() {
    return PENDING.computeIfAbsent(key, k -> new Pending());
  }

  private static final class Pending {
    private long count;

    synchronized long count() {
      return count;
    }

    synchronized void add(long delta) {
      count += delta;
      notifyAll();
    }

    synchronized void awaitBelow(long limit, long maxWaitMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + maxWaitMs;
      for (long left = maxWaitMs;
          count >= limit && left > 0;
          left = deadline - System.currentTimeMillis()) {
        wait(left);
      }
    }
  }
}
