package dev.beliefs.pipeline.progress;

import java.io.PrintStream;
import java.time.Duration;

/** One plain line every {@code interval} of the job's time, for a log or a pipe. */
public final class PlainLines implements ProgressView {

  static final Duration INTERVAL = Duration.ofSeconds(10);

  private final PrintStream err;
  private final Duration interval;
  private Duration next;

  public PlainLines(PrintStream err) {
    this(err, INTERVAL);
  }

  PlainLines(PrintStream err, Duration interval) {
    this.err = err;
    this.interval = interval;
    this.next = interval;
  }

  @Override
  public void show(ProgressStatus status) {
    if (status.elapsed().compareTo(next) >= 0) {
      err.println(status.line());
      err.flush();
      while (next.compareTo(status.elapsed()) <= 0) {
        next = next.plus(interval);
      }
    }
  }
}
