package dev.beliefs.progress;

import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chunks that reached extraction, are being asked about and are done, in this JVM, counted the
 * moment each call starts and ends. Beam's metrics cannot show a run's progress: the DirectRunner
 * commits them when a bundle ends, and in Flink's batch mode a task's whole input is one bundle.
 * Where the launcher shares the JVM with the workers (DirectRunner, Flink {@code [local]}) it reads
 * this instead; on a session cluster the counts stay in the TaskManagers.
 *
 * <p>Instances with the same key share their counts within a JVM, as the DoFn copies a runner
 * deserializes do; the launcher uses the job's name.
 */
public final class ChunkTally implements Serializable {

  private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

  private final String key;

  private ChunkTally(String key) {
    this.key = key;
  }

  /** The tally of {@code key}, usually the job's name. */
  public static ChunkTally of(String key) {
    return new ChunkTally(key);
  }

  /** A chunk reached the extraction step. */
  public void arrived() {
    counts().arrived.increment();
  }

  /** A call for a chunk started. */
  public void started() {
    counts().inFlight.increment();
  }

  /**
   * The call started last ended with {@code outcome}, a {@link ChunkResult} or a {@link
   * ChunkFailure}; returns it, so that a call can be wrapped.
   */
  public <T> T finished(T outcome) {
    counts().inFlight.decrement();
    if (outcome instanceof ChunkResult result) {
      done(result.stats());
    } else if (outcome instanceof ChunkFailure failure) {
      done(failure.stats());
    }
    return outcome;
  }

  /** A chunk answered without a call of its own (from the cache, or by a batch). */
  public void done(CallStats stats) {
    Counts counts = counts();
    (stats.succeeded() ? counts.succeeded : counts.failed).increment();
    if (stats.fromCache()) {
      counts.cacheHits.increment();
    }
    counts.requests.add(stats.requests());
    counts.tokens.add(stats.usage().promptTokens() + stats.usage().completionTokens());
    counts.costMicroUsd.add(stats.costUsd().movePointRight(6).longValue());
  }

  public Snapshot snapshot() {
    Counts counts = counts();
    return new Snapshot(
        counts.arrived.sum(),
        Math.max(0, counts.inFlight.sum()),
        counts.succeeded.sum(),
        counts.failed.sum(),
        counts.cacheHits.sum(),
        counts.requests.sum(),
        counts.tokens.sum(),
        counts.costMicroUsd.sum());
  }

  /** Drops the counts, once the job is over. */
  public void forget() {
    COUNTS.remove(key);
  }

  private Counts counts() {
    return COUNTS.computeIfAbsent(key, k -> new Counts());
  }

  /**
   * The counts at one moment.
   *
   * @param arrived chunks that reached extraction so far: the total as far as it is known
   * @param tokens prompt and completion tokens billed
   */
  public record Snapshot(
      long arrived,
      long inFlight,
      long succeeded,
      long failed,
      long cacheHits,
      long requests,
      long tokens,
      long costMicroUsd) {

    public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0);

    public long done() {
      return succeeded + failed;
    }
  }

  private static final class Counts {
    final LongAdder arrived = new LongAdder();
    final LongAdder inFlight = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder tokens = new LongAdder();
    final LongAdder costMicroUsd = new LongAdder();
  }
}
