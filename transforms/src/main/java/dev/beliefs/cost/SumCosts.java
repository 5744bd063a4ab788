package dev.beliefs.cost;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.CallStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Adds up what every chunk extraction cost, whether it succeeded or failed: tokens, cost, requests,
 * retries, cache hits, per level and per model, and the latency distribution. Use with {@code
 * Combine.globally}; an empty input gives all zeros.
 */
public class SumCosts extends Combine.CombineFn<CallStats, SumCosts.Accumulator, CostSummary> {

  /** Two significant digits: 1% precision, and partial accumulators (one per bundle) stay small. */
  private static final int LATENCY_DIGITS = 2;

  private static final long SLOT_MS = 10_000;
  private static final long SLOTS_PER_MINUTE = 6;
  private static final long FIRST_BUCKET_MS = 100;

  /** Running totals. The histogram travels as HdrHistogram's compressed encoding. */
  public static final class Accumulator {
    public TreeMap<Integer, Totals> perLevel = new TreeMap<>();
    public TreeMap<String, Totals> perModel = new TreeMap<>();

    /** Requests and tokens of answers that came in each 10-second slot, by slot number. */
    public TreeMap<Long, long[]> throughputBySlot = new TreeMap<>();

    /** Failed chunks by their failure reason. */
    public TreeMap<String, Long> failureReasons = new TreeMap<>();

    @JsonIgnore final IntCountsHistogram latency = new IntCountsHistogram(LATENCY_DIGITS);

    @JsonProperty("latency_histogram")
    byte[] encodedLatency() {
      ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
      int length = latency.encodeIntoCompressedByteBuffer(buffer);
      return Arrays.copyOf(buffer.array(), length);
    }

    @JsonProperty("latency_histogram")
    void decodeLatency(byte[] encoded) throws DataFormatException {
      latency.add(IntCountsHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0));
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
    if (stats.failureReason() != null) {
      accumulator.failureReasons.merge(stats.failureReason(), 1L, Long::sum);
    }
    if (!stats.fromCache()) {
      accumulator.latency.recordValue(Math.max(0, stats.latencyMs()));
      long[] slot = {stats.requests(), stats.usage().totalTokens()};
      accumulator.throughputBySlot.merge(stats.finishedAtMs() / SLOT_MS, slot, SumCosts::add);
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
      accumulator.throughputBySlot.forEach(
          (slot, counts) -> merged.throughputBySlot.merge(slot, counts.clone(), SumCosts::add));
      accumulator.failureReasons.forEach(
          (reason, count) -> merged.failureReasons.merge(reason, count, Long::sum));
    }
    return merged;
  }

  @Override
  public CostSummary extractOutput(Accumulator accumulator) {
    Totals total = accumulator.perLevel.values().stream().reduce(Totals.ZERO, Totals::plus);
    AbstractHistogram histogram = accumulator.latency;
    Latency latency =
        new Latency(
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getMaxValue(),
            Math.round(histogram.getMean() * 10) / 10.0,
            buckets(histogram));
    long[] peaks = peaksPerMinute(accumulator.throughputBySlot);
    return new CostSummary(
        total,
        accumulator.perLevel,
        accumulator.perModel,
        latency,
        peaks[0],
        peaks[1],
        accumulator.failureReasons);
  }

  private static long[] add(long[] a, long[] b) {
    return new long[] {a[0] + b[0], a[1] + b[1]};
  }

  /** The most requests and tokens answered in any 60 s, at 10 s resolution. */
  private static long[] peaksPerMinute(TreeMap<Long, long[]> bySlot) {
    long[] peaks = {0, 0};
    for (long start : bySlot.keySet()) {
      long[] window = {0, 0};
      bySlot
          .subMap(start, start + SLOTS_PER_MINUTE)
          .values()
          .forEach(
              c -> {
                window[0] += c[0];
                window[1] += c[1];
              });
      peaks[0] = Math.max(peaks[0], window[0]);
      peaks[1] = Math.max(peaks[1], window[1]);
    }
    return peaks;
  }

  /** Counts in buckets of 100 ms, 200 ms, 400 ms ... up to the slowest call. */
  private static List<Latency.Bucket> buckets(AbstractHistogram histogram) {
    List<Latency.Bucket> buckets = new ArrayList<>();
    if (histogram.getTotalCount() == 0) {
      return buckets;
    }
    for (HistogramIterationValue value : histogram.logarithmicBucketValues(FIRST_BUCKET_MS, 2)) {
      buckets.add(
          new Latency.Bucket(value.getValueIteratedTo(), value.getCountAddedInThisIterationStep()));
    }
    return buckets;
  }

  @Override
  public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<CallStats> input) {
    return JsonCoder.of(Accumulator.class);
  }
}
