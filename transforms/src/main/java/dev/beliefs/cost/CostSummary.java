package dev.beliefs.cost;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Totals of a run, overall, per level and per model, with the latency distribution, the busiest
 * minute's requests and tokens (prompt plus completion), and the failed chunks by reason.
 */
@DefaultCoder(JsonCoder.class)
public record CostSummary(
    Totals total,
    SortedMap<Integer, Totals> perLevel,
    SortedMap<String, Totals> perModel,
    Latency latency,
    long peakRequestsPerMinute,
    long peakTokensPerMinute,
    SortedMap<String, Long> failureReasons)
    implements Serializable {

  public CostSummary {
    perLevel = new TreeMap<>(perLevel);
    perModel = new TreeMap<>(perModel);
    failureReasons = new TreeMap<>(failureReasons);
  }
}
