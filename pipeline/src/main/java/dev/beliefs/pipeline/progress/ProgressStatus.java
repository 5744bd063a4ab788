package dev.beliefs.pipeline.progress;

import java.time.Duration;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a progress display shows at one moment.
 *
 * @param total chunks that reached extraction so far: the total as far as it is known
 * @param projectedCostUsd the cost so far scaled to every known chunk, once a chunk is done
 * @param chunksOnly only chunks were counted (on a session cluster): cache hits, calls in flight,
 *     cost, requests and tokens are unknown and not shown, chunks per minute instead
 * @param eta how long the known chunks still take at the pace so far, once a chunk is done
 */
public record ProgressStatus(
    long done,
    long total,
    long failed,
    long cacheHits,
    long inFlight,
    double costUsd,
    @Nullable Double projectedCostUsd,
    double requestsPerMinute,
    double tokensPerMinute,
    double chunksPerMinute,
    boolean chunksOnly,
    Duration elapsed,
    @Nullable Duration eta) {

  /** The whole status on one line, for a log or a pipe. */
  public String line() {
    return String.format(
        Locale.ROOT, "chunks %,d/%,d  %s  ETA %s", done, total, details(), clock(eta));
  }

  /** Everything but the chunks done and the ETA, which a bar shows itself. */
  public String details() {
    if (chunksOnly) {
      return String.format(Locale.ROOT, "(%,d failed)  %,.0f chunks/min", failed, chunksPerMinute);
    }
    return String.format(
        Locale.ROOT,
        "(%,d failed, %,d cached, %,d in flight)  %s%s  %,.0f req/min  %,.0f tokens/min",
        failed,
        cacheHits,
        inFlight,
        dollars(costUsd),
        projectedCostUsd == null ? "" : " of ~" + dollars(projectedCostUsd),
        requestsPerMinute,
        tokensPerMinute);
  }

  static String dollars(double usd) {
    return usd == 0 ? "$0" : String.format(Locale.ROOT, usd < 1 ? "$%.4f" : "$%,.2f", usd);
  }

  static String clock(@Nullable Duration duration) {
    if (duration == null) {
      return "-";
    }
    long seconds = duration.toSeconds();
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
