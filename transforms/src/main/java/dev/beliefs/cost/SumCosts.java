package dev.beliefs.cost;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.CallStats;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Adds up what every chunk extraction cost, whether it succeeded or failed: tokens, cost, requests,
 * retries, cache hits, per level and per model, and the latency distribution. Use with {@code
 * Combine.globally}; an empty input gives all zeros.
 */
public class SumCosts extends Combine.CombineFn<CallStats, SumCosts.Accumulator, CostSummary> {

  private static final int LATENCY_DIGITS = 3;

  /** Running totals. The histogram travels as HdrHistogram's compressed encoding. */
  public static final class Accumulator {
    public TreeMap<Integer, Totals> perLevel = new TreeMap<>();
    public TreeMap<String, Totals> perModel = new TreeMap<>();
    @JsonIgnore final Histogram latency = new Histogram(LATENCY_DIGITS);

    @JsonProperty("latency_histogram")
    byte[] encodedLatency() {
      ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
      int length = latency.encodeIntoCompressedByteBuffer(buffer);
      return Arrays.copyOf(buffer.array(), length);
    }

    @JsonProperty("latency_histogram")
    void decodeLatency(byte[] encoded) throws DataFormatException {
      latency.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0));
    }
  }

  @Override
  public Accumulator createAccumulator() {
    return new Accumulator();
  }

  @Override
  public Accumulator addInput(Accumulator accumulator, CallStats stats) {
    Totals totals = Totals.of(stats);
    accumulator.perLevel.merge(stats.level(), totals, Totals::plus);
    accumulator.perModel.merge(stats.model(), totals, Totals::plus);
    if (!stats.fromCache()) {
      accumulator.latency.recordValue(Math.max(0, stats.latencyMs()));
    }
    return accumulator;
  }

  @Override
  public Accumulator mergeAccumulators(Iterable<Accumulator> accumulators) {
    Accumulator merged = new Accumulator();
    for (Accumulator accumulator : accumulators) {
      accumulator.perLevel.forEach(
          (level, totals) -> merged.perLevel.merge(level, totals, Totals::plus));
      accumulator.perModel.forEach(
          (model, totals) -> merged.perModel.merge(model, totals, Totals::plus));
      merged.latency.add(accumulator.latency);
    }
    return merged;
  }

  @Override
  public CostSummary extractOutput(Accumulator accumulator) {
    Totals total = accumulator.perLevel.values().stream().reduce(Totals.ZERO, Totals::plus);
    Histogram histogram = accumulator.latency;
    Latency latency =
        new Latency(
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getMaxValue(),
            Math.round(histogram.getMean() * 10) / 10.0);
    return new CostSummary(total, accumulator.perLevel, accumulator.perModel, latency);
  }

  @Override
  public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<CallStats> input) {
    return JsonCoder.of(Accumulator.class);
  }
}
