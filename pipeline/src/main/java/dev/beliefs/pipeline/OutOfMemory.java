package dev.beliefs.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Ends the JVM promptly, with one line, when it runs out of memory anywhere. Left alone, an
 * out-of-memory error in one of the runner's threads left the others (and the garbage collector)
 * busy for minutes with no summary, no {@code runs.jsonl} line, and a schedule's lock held.
 *
 * <p>The command that runs the job reports an out-of-memory error that ends the job like any crash,
 * in one line ({@link #line}), records the run and exits {@link ExitCode#CRASH}. One that kills
 * some other thread ({@link #install}) prints the line, records the run ({@link #whenEnding}) and
 * halts the JVM with the same code at once. Either way the JVM is halted {@link #GRACE} after the
 * error if it has not exited by then. Not {@code -XX:+ExitOnOutOfMemoryError}: its exit code, 3,
 * means "finished, some chunks failed" here.
 *
 * <p>A few megabytes are set aside when the class loads and let go when memory runs out, so that
 * the line can be printed and the run recorded.
 */
final class OutOfMemory {

  static final Duration GRACE = Duration.ofSeconds(30);

  private static final AtomicBoolean ENDING = new AtomicBoolean();

  private static volatile Runnable beforeHalt = () -> {};

  @SuppressWarnings("unused") // held to be let go
  private static volatile byte @Nullable [] reserve = new byte[4 << 20];

  private OutOfMemory() {}

  /** Makes an out-of-memory error that kills any thread end the JVM, with {@link #line}. */
  static void install(PrintStream err) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          OutOfMemoryError oom = in(e);
          if (oom == null) {
            if (previous != null) {
              previous.uncaughtException(thread, e);
            } else {
              e.printStackTrace(err);
            }
            return;
          }
          if (ending()) {
            err.println(line(oom));
            try {
              beforeHalt.run();
            } finally {
              Runtime.getRuntime().halt(ExitCode.CRASH);
            }
          }
        });
  }

  /** What to do before an out-of-memory error outside the job ends the JVM: record the run. */
  static void whenEnding(Runnable record) {
    beforeHalt = record;
  }

  /** The out-of-memory error that {@code e} is or was caused by; null if none. */
  static @Nullable OutOfMemoryError in(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError oom) {
        return oom;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /**
   * Lets the reserve go and makes sure the JVM ends: halted with {@link ExitCode#CRASH} after
   * {@link #GRACE} unless it exits first.
   *
   * @return whether this is the first call, whose caller reports the error
   */
  static boolean ending() {
    reserve = null;
    if (!ENDING.compareAndSet(false, true)) {
      return false;
    }
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACE.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(ExitCode.CRASH);
            },
            "out-of-memory-exit");
    halt.setDaemon(true);
    halt.start();
    return true;
  }

  /** What to tell the user: one line, with the heap it had and how to give it more. */
  static String line(OutOfMemoryError oom) {
    long maxMb = Runtime.getRuntime().maxMemory() >> 20;
    return "error: out of memory ("
        + oom.getMessage()
        + ", heap "
        + maxMb
        + " MB); the job stopped. Give it more with BELIEFS_JAVA_OPTS=-Xmx"
        + Math.max(2, 2 * ((maxMb + 1023) / 1024))
        + "g, or see docs/limits.md for how large a transcript fits";
  }
}
