package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The worker-scaling table: each row's measurements turned into wall and bound ratios. */
final class ScalingRows {

  private ScalingRows() {}

  static List<BenchRow> of(List<BenchCommand.Measured> measured) {
    BenchCommand.Measured base = measured.get(0);
    // With no one-worker row, the first row is taken as perfectly efficient.
    double oneWorkerSeconds = base.wallSeconds() * base.workers();
    List<BenchRow> rows = new ArrayList<>();
    for (BenchCommand.Measured m : measured) {
      List<Double> calls = m.callSeconds();
      double extraction = extractionSeconds(m.stats());
      double bound = LowerBound.seconds(calls, m.workers());
      double speedup = oneWorkerSeconds / m.wallSeconds();
      rows.add(
          new BenchRow(
              m.workers(),
              round(m.wallSeconds(), 2),
              round(speedup, 2),
              round(speedup / m.workers(), 3),
              round(m.outputs().chunks() / m.wallSeconds(), 2),
              m.outputs().costUsd(),
              m.outputs().beliefs(),
              m.outputs().requests(),
              round(extraction, 3),
              round(bound, 3),
              round(extraction > 0 ? bound / extraction : 0, 3),
              m.stats().maxInFlight(),
              m.stats().peakRequestsPerMinute(),
              m.stats().peakTokensPerMinute(),
              round(calls.stream().mapToDouble(Double::doubleValue).sum(), 3),
              round(calls.stream().mapToDouble(Double::doubleValue).max().orElse(0), 3)));
    }
    return rows;
  }

  /** From the first request's arrival at the simulator to its last response. */
  private static double extractionSeconds(StatsSnapshot stats) {
    if (stats.firstRequestEpochMs() == null || stats.lastResponseEpochMs() == null) {
      return 0;
    }
    return (stats.lastResponseEpochMs() - stats.firstRequestEpochMs()) / 1000.0;
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
