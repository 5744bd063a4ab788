package dev.beliefs.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench.md} and the speedup chart: this job's rows beside the prototype's published
 * benchmark (DESIGN.md: 1, 4, 10, 20, 50 workers took 171.1, 58.5, 36.9, 33.4, 32.7 s).
 */
final class BenchReport {

  static final List<double[]> PROTOTYPE =
      List.of(
          new double[] {1, 171.1},
          new double[] {4, 58.5},
          new double[] {10, 36.9},
          new double[] {20, 33.4},
          new double[] {50, 32.7});

  private BenchReport() {}

  static String markdown(List<BenchRow> rows, String setting) {
    StringBuilder md =
        new StringBuilder("# Worker-scaling benchmark\n\n").append(setting).append("\n\n");
    md.append(
        "ideal s is the least time any schedule of the row's calls could take, max(longest call,"
            + " sum of calls / workers), from the simulator's own service times; ideal ratio ="
            + " ideal s / extraction s.\n\n");
    md.append(
        "| workers | wall s | speedup | efficiency | chunks/s | cost USD | beliefs | requests |"
            + " extraction s | ideal s | ideal ratio | sum of calls s | longest call s | max in"
            + " flight | peak rpm | peak tpm |\n");
    md.append("|---".repeat(16)).append("|\n");
    for (BenchRow r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.2f | %.2fx | %.0f%% | %.2f | %s | %d | %d | %.2f | %.2f | %.3f | %.2f | %.2f"
                  + " | %d | %,d | %,d |%n",
              r.workers(),
              r.wallSeconds(),
              r.speedup(),
              100 * r.efficiency(),
              r.throughputChunksPerS(),
              r.costUsd().toPlainString(),
              r.beliefs(),
              r.requests(),
              r.extractionSeconds(),
              r.idealSeconds(),
              r.idealRatio(),
              r.callsSeconds(),
              r.longestCallSeconds(),
              r.maxInFlight(),
              r.peakRpm(),
              r.peakTpm()));
    }
    md.append(
        "\nThe prototype's published benchmark, for comparison (its calls took ~14 s each):\n\n");
    md.append("| workers | wall s | speedup | efficiency |\n|---|---|---|---|\n");
    for (double[] p : PROTOTYPE) {
      double speedup = PROTOTYPE.get(0)[1] / p[1];
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %.1f | %.2fx | %.0f%% |%n",
              p[0],
              p[1],
              speedup,
              100 * speedup / p[0]));
    }
    md.append("\n![speedup against workers](bench-speedup.svg)\n");
    return md.toString();
  }

  /**
   * Speedup against workers: this job's wall time, the bound on the same calls (sum of calls over
   * the bound), the prototype.
   */
  static String chart(List<BenchRow> rows) {
    List<double[]> measured = new ArrayList<>();
    List<double[]> ideal = new ArrayList<>();
    for (BenchRow row : rows) {
      measured.add(new double[] {row.workers(), row.speedup()});
      ideal.add(new double[] {row.workers(), row.callsSeconds() / row.idealSeconds()});
    }
    List<double[]> prototype =
        PROTOTYPE.stream().map(p -> new double[] {p[0], PROTOTYPE.get(0)[1] / p[1]}).toList();
    return new LineChart(
            "Speedup against workers",
            "workers",
            "speedup (wall time of 1 worker / wall time)",
            List.of(
                new LineChart.Series("this job", "#3b6ea8", false, measured),
                new LineChart.Series(
                    "bound: no schedule of the calls does better", "#888888", true, ideal),
                new LineChart.Series("prototype", "#c0504d", false, prototype)))
        .svg();
  }
}
