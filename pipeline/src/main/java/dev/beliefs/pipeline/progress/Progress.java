package dev.beliefs.pipeline.progress;

import dev.beliefs.progress.ChunkTally;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A running job's progress, read from a source of counts and shown in a view at every {@link
 * #tick()}: chunks done of those known, failed, cache hits, in flight, the cost so far and
 * projected, requests and tokens per minute over the last minute, and an ETA; from a source that
 * sees only chunks ({@link #startFromChunkCounts}), the chunks and failures, chunks per minute and
 * the ETA. {@link #start} ticks every {@value #REFRESH_MS} ms on a daemon thread; tests call {@link
 * #tick()} with a clock of their own.
 */
public final class Progress implements AutoCloseable {

  static final long REFRESH_MS = 1_000;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final Supplier<ChunkTally.Snapshot> source;
  private final boolean chunksOnly;
  private final ProgressView view;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();
  private ScheduledExecutorService ticker;

  /**
   * @param nanoClock monotonic nanoseconds, {@link System#nanoTime} outside tests
   */
  public Progress(Supplier<ChunkTally.Snapshot> source, ProgressView view, LongSupplier nanoClock) {
    this(source, false, view, nanoClock);
  }

  /**
   * @param chunksOnly the source counts chunks but not calls, cache hits, tokens or cost
   */
  Progress(
      Supplier<ChunkTally.Snapshot> source,
      boolean chunksOnly,
      ProgressView view,
      LongSupplier nanoClock) {
    this.source = source;
    this.chunksOnly = chunksOnly;
    this.view = view;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Progress ticking every second until closed. */
  public static Progress start(Supplier<ChunkTally.Snapshot> source, ProgressView view) {
    return ticking(new Progress(source, false, view, System::nanoTime));
  }

  /**
   * Progress ticking every second until closed, from a source that counts chunks done, failed and
   * known, but not calls, cache hits, tokens or cost (a session cluster's REST API).
   */
  public static Progress startFromChunkCounts(
      Supplier<ChunkTally.Snapshot> source, ProgressView view) {
    return ticking(new Progress(source, true, view, System::nanoTime));
  }

  private static Progress ticking(Progress progress) {
    progress.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "progress");
              thread.setDaemon(true);
              return thread;
            });
    progress.ticker.scheduleAtFixedRate(
        progress::tickQuietly, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    return progress;
  }

  /** Reads the source and shows what it says. */
  public synchronized void tick() {
    view.show(status(source.get(), nanoClock.getAsLong()));
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      // A source that cannot be read now (a REST call that failed) is asked again next time.
    }
  }

  ProgressStatus status(ChunkTally.Snapshot now, long nanos) {
    samples.addLast(new long[] {nanos, now.requests(), now.tokens(), now.done()});
    // Keep the newest sample that is a minute old or more, and the ones after it.
    while (samples.size() > 2 && nanos - secondSample()[0] >= MINUTE_NANOS) {
      samples.removeFirst();
    }
    Duration elapsed = Duration.ofNanos(nanos - startNanos);
    long done = now.done();
    long total = Math.max(now.arrived(), done);
    double cost = now.costMicroUsd() / 1e6;
    return new ProgressStatus(
        done,
        total,
        now.failed(),
        now.cacheHits(),
        now.inFlight(),
        cost,
        done == 0 || chunksOnly ? null : cost / done * total,
        perMinute(1),
        perMinute(2),
        perMinute(3),
        chunksOnly,
        elapsed,
        done == 0 ? null : elapsed.multipliedBy(total - done).dividedBy(done));
  }

  private long[] secondSample() {
    var iterator = samples.iterator();
    iterator.next();
    return iterator.next();
  }

  /** The increase of field {@code field} over the samples kept (the last minute or so). */
  private double perMinute(int field) {
    long[] first = samples.peekFirst();
    long[] last = samples.peekLast();
    long nanos = last[0] - first[0];
    return nanos <= 0 ? 0 : (last[field] - first[field]) * (double) MINUTE_NANOS / nanos;
  }

  /** Stops ticking, shows the last counts and tidies the display. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    tick();
    view.close();
  }
}
