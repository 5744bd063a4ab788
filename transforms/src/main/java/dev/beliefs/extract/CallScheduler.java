package dev.beliefs.extract;

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

/**
 * Runs extraction calls with at most {@code slots} in flight per JVM, the longest first.
 *
 * <p>Why not leave parallelism to the runner: a runner spreads a few elements unevenly over its
 * threads (on the DirectRunner 21 one-second calls took 4.4 s at parallelism 10 where 3 s is
 * possible), and Flink cannot give fifty slots on one machine. Every DoFn instance of one pipeline
 * in a JVM hands its calls to the same scheduler, found by the key the transform chose at
 * construction; the queue puts the longest calls first, because the slowest call bounds the wall
 * time. The scheduler stops when the last instance using it is torn down.
 */
final class CallScheduler {

  private final String key;
  private final ThreadPoolExecutor executor;
  private final AtomicLong arrivals = new AtomicLong();

  private CallScheduler(String key, int slots) {
    this.key = key;
    this.executor =
        new ThreadPoolExecutor(
            slots, slots, 60, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), daemonThreads(key));
  }

  /** The scheduler of {@code key}, created with {@code slots} on first use. */
  static CallScheduler acquire(String key, int slots) {
    return JvmShared.acquire("scheduler:" + key, () -> new CallScheduler(key, slots));
  }

  /** Gives up one use; the last one stops the threads. */
  void release() {
    JvmShared.<CallScheduler>release("scheduler:" + key, last -> last.executor.shutdown());
  }

  /**
   * Queues a call; of the calls waiting, those with a larger {@code size} start first, equal sizes
   * in arrival order. A call that finds a slot idle starts at once, so callers hand over their
   * calls longest first.
   */
  <T> Future<T> submit(long size, Callable<T> call) {
    PrioritisedTask<T> task = new PrioritisedTask<>(call, size, arrivals.getAndIncrement());
    executor.execute(task);
    return task;
  }

  private static final class PrioritisedTask<T> extends FutureTask<T>
      implements Comparable<PrioritisedTask<?>> {
    private final long size;
    private final long arrival;

    PrioritisedTask(Callable<T> call, long size, long arrival) {
      super(call);
      this.size = size;
      this.arrival = arrival;
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
