package dev.beliefs.extract.limits;

import dev.beliefs.beam.JvmShared;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one {@link Share}'s extraction calls: at most {@code slots} in flight, the longest waiting
 * call first, and at most {@code capacity} chunks held at once (waiting, in flight, or answered and
 * not yet handed on), so that memory does not grow with the input.
 *
 * <p>Why not leave parallelism to the runner: a runner spreads a few elements unevenly over its
 * threads (on the DirectRunner 21 one-second calls took 4.4 s at parallelism 10 where 3 s is
 * possible), and Flink cannot give fifty slots on one machine. Every worker of one share in a JVM
 * hands its calls to the same scheduler, found by the key the transform chose at construction and
 * the share's key; the queue puts the longest calls first, because the slowest call bounds the wall
 * time.
 *
 * <p>The scheduler is also the monitor its users wait on: {@link #awaitChange} returns when a call
 * ended or held room was given back. When its last user releases it, calls still waiting are
 * dropped unsent and the threads of calls in flight are interrupted; idle threads end after {@value
 * #IDLE_SECONDS} s in any case, so that a user that never releases leaks no thread for long.
 */
public final class CallScheduler {

  static final int IDLE_SECONDS = 30;

  private final String key;
  private final ThreadPoolExecutor executor;
  private final AtomicLong arrivals = new AtomicLong();
  private final int capacity;
  private int held;

  private CallScheduler(String key, int slots, int capacity) {
    this.key = key;
    this.capacity = capacity;
    this.executor =
        new ThreadPoolExecutor(
            slots,
            slots,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new PriorityBlockingQueue<>(),
            daemonThreads(key));
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * The scheduler of {@code key}, created with {@code slots} and {@code capacity} on first use;
   * each use must be given back with {@link #release()}.
   */
  public static CallScheduler acquire(String key, int slots, int capacity) {
    if (slots < 1 || capacity < slots) {
      throw new IllegalArgumentException(
          "need slots >= 1 and capacity >= slots, got " + slots + " and " + capacity);
    }
    return JvmShared.acquire("scheduler:" + key, () -> new CallScheduler(key, slots, capacity));
  }

  /** Gives up one use; the last one drops the waiting calls and interrupts those in flight. */
  public void release() {
    JvmShared.<CallScheduler>release("scheduler:" + key, CallScheduler::stop);
  }

  private void stop() {
    for (Runnable waiting : executor.shutdownNow()) {
      ((Future<?>) waiting).cancel(false);
    }
  }

  /**
   * Queues a call; of the calls waiting, those with a larger {@code size} start first, equal sizes
   * in arrival order. A call that finds a slot idle starts at once, so callers hand over their
   * calls longest first. {@code onEnd} is given the call's future once it has ended or was
   * cancelled, before waiters are woken.
   *
   * @throws java.util.concurrent.RejectedExecutionException the scheduler was stopped
   */
  public <T> Future<T> submit(long size, Callable<T> call, Consumer<Future<T>> onEnd) {
    PrioritisedTask<T> task =
        new PrioritisedTask<>(call, size, arrivals.getAndIncrement(), onEnd, this::changed);
    executor.execute(task);
    return task;
  }

  /** Takes room for one chunk, if there is any. */
  public synchronized boolean tryHold() {
    if (held >= capacity) {
      return false;
    }
    held++;
    return true;
  }

  /** Gives back the room of {@code chunks} chunks. */
  public synchronized void letGo(int chunks) {
    held -= chunks;
    notifyAll();
  }

  public synchronized boolean hasRoom() {
    return held < capacity;
  }

  /** Chunks held now, for tests and metrics. */
  public synchronized int held() {
    return held;
  }

  /** Waits until {@code ready} holds; it is checked whenever a call ends or room is given back. */
  public synchronized void awaitChange(BooleanSupplier ready) throws InterruptedException {
    while (!ready.getAsBoolean()) {
      wait();
    }
  }

  private synchronized void changed() {
    notifyAll();
  }

  private static final class PrioritisedTask<T> extends FutureTask<T>
      implements Comparable<PrioritisedTask<?>> {
    private final long size;
    private final long arrival;
    private final Consumer<Future<T>> onEnd;
    private final Runnable wake;

    PrioritisedTask(
        Callable<T> call, long size, long arrival, Consumer<Future<T>> onEnd, Runnable wake) {
      super(call);
      this.size = size;
      this.arrival = arrival;
      this.onEnd = onEnd;
      this.wake = wake;
    }

    @Override
    protected void done() {
      onEnd.accept(this);
      wake.run();
    }

    @Override
    public int compareTo(PrioritisedTask<?> other) {
      int bySize = Long.compare(other.size, size);
      return bySize != 0 ? bySize : Long.compare(arrival, other.arrival);
    }
  }

  private static ThreadFactory daemonThreads(String key) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "extract-" + key.substring(0, 8) + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
