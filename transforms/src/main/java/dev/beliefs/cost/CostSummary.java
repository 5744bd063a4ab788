package dev.beliefs.cost;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Totals of a run, overall, per level and per model, with the latency distribution. */
@DefaultCoder(JsonCoder.class)
public record CostSummary(
    Totals total,
    SortedMap<Integer, Totals> perLevel,
    SortedMap<String, Totals> perModel,
    Latency latency)
    implements Serializable {

  public CostSummary {
    perLevel = new TreeMap<>(perLevel);
    perModel = new TreeMap<>(perModel);
  }
}
