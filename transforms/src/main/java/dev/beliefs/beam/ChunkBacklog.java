package dev.beliefs.beam;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far reading may run ahead of extraction in one JVM: the chunks cut whose outcomes have not
 * yet left the extraction step (the runner passes them on when the step's bundle ends, and holds
 * them until then). {@link PaceReading} holds a transcript back while {@code limit} or more are
 * pending, so memory holds a bounded number of transcripts, chunks and outcomes however many files
 * the input has.
 *
 * <p>A transcript let through counts as {@value #ADMITTED} chunks until it is cut ({@link #cut}),
 * so that transcripts read but not yet cut count too; one that is never cut (unreadable, or
 * unchanged since an earlier run) is {@link #released}.
 *
 * <p>For runners without backpressure of their own: the DirectRunner reads every file long before
 * the slow calls are done. Flink backpressures by itself and runs reading and extraction in one
 * thread: it uses {@link #unbounded()}.
 */
public final class ChunkBacklog implements Serializable {

  /** What a transcript read but not yet cut counts as: about an hour-long one's chunks. */
  static final long ADMITTED = 50;

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

  public boolean isBounded() {
    return limit > 0;
  }

  /** Whether fewer than the limit are pending (always, when unbounded). */
  public boolean hasRoom() {
    return limit == 0 || pendingCount().count() < limit;
  }

  /** A transcript was let through to be read. */
  public void admitted() {
    if (limit > 0) {
      pendingCount().add(ADMITTED);
    }
  }

  /** A transcript let through was cut into {@code chunks} chunks. */
  public void cut(long chunks) {
    if (limit > 0) {
      pendingCount().add(chunks - ADMITTED);
    }
  }

  /** A transcript let through will not be cut. */
  public void released() {
    if (limit > 0) {
      pendingCount().add(-ADMITTED);
    }
  }

  public void done(long chunks) {
    if (limit > 0) {
      pendingCount().add(-chunks);
    }
  }

  /** Chunks pending now (0 when unbounded). */
  long pending() {
    return limit > 0 ? pendingCount().count() : 0;
  }

  private Pending pendingCount() {
    return PENDING.computeIfAbsent(key, k -> new Pending());
  }

  private static final class Pending {
    private long count;

    synchronized long count() {
      return count;
    }

    synchronized void add(long delta) {
      count += delta;
    }
  }
}
