package dev.beliefs.pipeline;

import dev.beliefs.chunk.ExplodeChunks;
import dev.beliefs.extract.ExtractBeliefs;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;

/**
 * Progress of a running job, read from its Beam metrics: chunks done of those cut so far, cost so
 * far, an ETA, and the requests and tokens of the last minute. On a terminal one line is rewritten
 * in place every second; otherwise a line is printed each time another 10% of the chunks is done.
 */
final class Progress {

  private static final long POLL_MS = 1_000;

  private final PrintStream err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final RateWindow window = new RateWindow();
  private int printedDecile = 0;

  Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Reports until the job leaves RUNNING, then returns its final state. */
  PipelineResult.State follow(PipelineResult result) throws InterruptedException {
    PipelineResult.State state = result.getState();
    while (state == PipelineResult.State.RUNNING || state == PipelineResult.State.UNKNOWN) {
      state = result.waitUntilFinish(org.joda.time.Duration.millis(POLL_MS));
      if (state == null) {
        state = PipelineResult.State.RUNNING;
        report(Snapshot.of(result));
      }
    }
    if (terminal) {
      err.println();
    }
    return state;
  }

  private void report(Snapshot now) {
    window.add(System.nanoTime(), now.requests, now.tokens);
    String line =
        String.format(
            Locale.ROOT,
            "chunks %d/%d (%d failed)  $%.4f  ETA %s  %.0f req/min  %.0f tokens/min",
            now.done,
            now.total,
            now.failed,
            now.costMicroUsd / 1e6,
            eta(now),
            window.perMinute(true),
            window.perMinute(false));
    if (terminal) {
      err.print("\r" + line + "   ");
      err.flush();
    } else if (now.total > 0) {
      int decile = (int) (10 * now.done / now.total);
      if (decile > printedDecile) {
        printedDecile = decile;
        err.println(line);
      }
    }
  }

  private String eta(Snapshot now) {
    if (now.done == 0 || now.total <= now.done) {
      return "-";
    }
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    long seconds = Math.round(elapsed / now.done * (now.total - now.done));
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** Metric values at one moment. */
  private record Snapshot(
      long total, long done, long failed, long requests, long tokens, long costMicroUsd) {

    static Snapshot of(PipelineResult result) {
      MetricQueryResults metrics;
      try {
        metrics = result.metrics().allMetrics();
      } catch (UnsupportedOperationException e) {
        return new Snapshot(0, 0, 0, 0, 0, 0);
      }
      long done = counter(metrics, "chunks_done");
      long failed = counter(metrics, "chunks_failed");
      return new Snapshot(
          cut(metrics),
          done + failed,
          failed,
          counter(metrics, "requests"),
          counter(metrics, "prompt_tokens") + counter(metrics, "completion_tokens"),
          counter(metrics, "cost_micro_usd"));
    }

    private static long counter(MetricQueryResults metrics, String name) {
      long sum = 0;
      for (MetricResult<Long> counter : metrics.getCounters()) {
        if (counter.getName().getNamespace().equals(ExtractBeliefs.class.getName())
            && counter.getName().getName().equals(name)) {
          sum += counter.getAttempted();
        }
      }
      return sum;
    }

    private static long cut(MetricQueryResults metrics) {
      long sum = 0;
      for (MetricResult<DistributionResult> tokens : metrics.getDistributions()) {
        if (tokens.getName().getNamespace().equals(ExplodeChunks.class.getName())) {
          sum += tokens.getAttempted().getCount();
        }
      }
      return sum;
    }
  }

  /** Requests and tokens over the last minute, from samples taken each poll. */
  private static final class RateWindow {
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();

    void add(long nanos, long requests, long tokens) {
      samples.addLast(new long[] {nanos, requests, tokens});
      while (samples.size() > 2 && nanos - samples.peekFirst()[0] > 60_000_000_000L) {
        samples.removeFirst();
      }
    }

    double perMinute(boolean requests) {
      if (samples.size() < 2) {
        return 0;
      }
      long[] first = samples.peekFirst();
      long[] last = samples.peekLast();
      double minutes = (last[0] - first[0]) / 60e9;
      int field = requests ? 1 : 2;
      return minutes <= 0 ? 0 : (last[field] - first[field]) / minutes;
    }
  }
}
