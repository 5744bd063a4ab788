package dev.beliefs.cost;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Per-chunk extraction latency in milliseconds: percentiles, and a histogram of counts in buckets
 * whose upper bounds double.
 */
@DefaultCoder(JsonCoder.class)
public record Latency(
    long count,
    long p50Ms,
    long p90Ms,
    long p99Ms,
    long maxMs,
    double meanMs,
    List<Bucket> histogram)
    implements Serializable {

  public Latency {
    histogram = List.copyOf(histogram);
  }

  /** Calls that took at most {@code upToMs} and more than the previous bucket's bound. */
  public record Bucket(long upToMs, long count) implements Serializable {}
}
