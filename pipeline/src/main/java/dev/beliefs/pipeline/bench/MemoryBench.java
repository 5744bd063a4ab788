package dev.beliefs.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./beliefs bench --memory}: does what the job keeps alive grow with its input? Runs {@code
 * extract} in a child JVM (the shaded jar, with a heap large enough that it does not bound the
 * figure) over {@link ScaleWorkload}s of each size against a zero-latency, unlimited simulator, and
 * measures the child's live heap, what is left after a full GC ({@link HeapProbe}): once when every
 * input file has been read ({@link ReadingWatch}), and every few seconds while requests arrive,
 * keeping the largest, the peak of extraction. Resident set sizes stand beside them. Writes {@code
 * memory.json}, {@code memory.md}, and the largest classes of both live heaps, {@code
 * heap-<transcripts>.txt}.
 */
final class MemoryBench {

  private static final long POLL_MS = 250;

  /** Classes of the live-heap histograms kept beside the figures, for whoever looks into them. */
  private static final int TOP_CLASSES = 25;

  /** The child's heap: far above what it keeps alive, so that the live heap is its own. */
  static final String DEFAULT_JAVA_OPTS = "-Xmx4g";

  private final PrintStream out;
  private final PrintStream err;

  MemoryBench(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws IOException, TranscriptParseException, InterruptedException {
    BenchArgs bench =
        new BenchArgs(
            args,
            Set.of(
                "memory",
                "output",
                "transcripts",
                "workers",
                "sources",
                "levels",
                "jar",
                "javaOpts",
                "sampleSeconds"));
    Path output = bench.requiredPath("output");
    Path jar = bench.path("jar", Path.of("pipeline", "target", "belief-pipeline.jar"));
    if (!Files.isReadable(jar)) {
      throw new IllegalArgumentException(
          jar + " is missing: build it with ./beliefs help or mvn package");
    }
    String javaOpts = bench.string("javaOpts", DEFAULT_JAVA_OPTS);
    long sampleMs = Math.round(1000 * bench.number("sampleSeconds", 5));
    List<Map<String, Object>> rows = new ArrayList<>();
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      for (int count : bench.integers("transcripts", List.of(100, 1000))) {
        Path workload = FreshDirectory.of(output.resolve("workload-" + count));
        String input =
            ScaleWorkload.write(
                bench.path("sources", Path.of("testdata", "transcripts", "conversations")),
                count,
                workload);
        Path runOutput = FreshDirectory.of(output.resolve("run-" + count));
        List<String> command = new ArrayList<>(List.of("java"));
        if (!javaOpts.isBlank()) {
          command.addAll(List.of(javaOpts.strip().split("\\s+")));
        }
        command.addAll(
            List.of(
                "-jar",
                jar.toString(),
                "extract",
                "--input=" + input,
                "--output=" + runOutput,
                "--levels=" + bench.string("levels", "1,5,15"),
                "--cheapMode",
                "--workers=" + bench.integer("workers", 64),
                "--baseUrl=" + simulator.baseUrl()));
        command.addAll(bench.extractArgs());
        simulator.reset();
        Map<String, Object> row =
            measure(
                count,
                command,
                ReadingWatch.of(workload),
                simulator,
                sampleMs,
                output.resolve("run-" + count + ".log"));
        row.putAll(chunks(runOutput));
        rows.add(row);
        err.printf(Locale.ROOT, "%d transcripts: %s%n", count, row);
      }
    }
    String md = markdown(rows, javaOpts, bench.extractArgs());
    Files.writeString(
        output.resolve("memory.json"),
        Json.pretty(
                Map.of("java_opts", javaOpts, "extract_args", bench.extractArgs(), "rows", rows))
            + "\n");
    Files.writeString(output.resolve("memory.md"), md);
    out.print(md);
    return rows.stream().allMatch(row -> (int) row.get("exit") == ExitCode.OK)
        ? ExitCode.OK
        : ExitCode.SOME_FAILED;
  }

  /** Runs the child to its end, sampling its memory. */
  private static Map<String, Object> measure(
      int count,
      List<String> command,
      ReadingWatch reading,
      RunningSimulator simulator,
      long sampleMs,
      Path log)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HeapProbe probe = new HeapProbe(child.pid(), log);
    Sample endOfReading = null;
    Sample peak = null;
    int samples = 0;
    long requestsSeen = 0;
    long nextSample = System.nanoTime() + sampleMs * 1_000_000;
    long peakRssKb = 0;
    while (child.isAlive()) {
      peakRssKb = Math.max(peakRssKb, probe.peakResidentKb());
      if (endOfReading == null && reading.allRead()) {
        endOfReading = Sample.take(probe, start);
      }
      if (System.nanoTime() >= nextSample) {
        long requests = simulator.stats().requests();
        if (requests > requestsSeen) {
          Sample sample = Sample.take(probe, start);
          samples++;
          if (sample != null && (peak == null || sample.liveBytes() > peak.liveBytes())) {
            peak = sample;
          }
        }
        requestsSeen = requests;
        nextSample = System.nanoTime() + sampleMs * 1_000_000;
      }
      Thread.sleep(POLL_MS);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("transcripts", count);
    row.put("exit", child.exitValue());
    row.put("wall_seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    row.put("live_heap_end_of_reading_mb", endOfReading == null ? null : endOfReading.liveMb());
    row.put("rss_end_of_reading_mb", endOfReading == null ? null : endOfReading.rssMb());
    row.put("end_of_reading_seconds", endOfReading == null ? null : endOfReading.seconds());
    row.put("peak_live_heap_mb", peak == null ? null : peak.liveMb());
    row.put("rss_at_peak_live_heap_mb", peak == null ? null : peak.rssMb());
    row.put("peak_live_heap_seconds", peak == null ? null : peak.seconds());
    row.put("peak_rss_mb", peakRssKb / 1024);
    row.put("samples", samples);
    Files.writeString(
        log.resolveSibling("heap-" + count + ".txt"),
        (endOfReading == null ? "" : "At the end of reading:\n" + endOfReading.topClasses())
            + (peak == null ? "" : "\nAt the peak of extraction:\n" + peak.topClasses()));
    return row;
  }

  /** One look at the child: live heap after a full GC, its largest classes, resident set, when. */
  private record Sample(long liveBytes, String topClasses, long rssKb, double seconds) {
    static Sample take(HeapProbe probe, long startNanos) throws InterruptedException {
      Optional<HeapProbe.Histogram> live = probe.liveHeap();
      long rss = probe.residentKb();
      return live.map(
              histogram ->
                  new Sample(
                      histogram.liveBytes(),
                      histogram.top(TOP_CLASSES),
                      rss,
                      Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0))
          .orElse(null);
    }

    long liveMb() {
      return liveBytes / (1024 * 1024);
    }

    long rssMb() {
      return rssKb / 1024;
    }
  }

  private static Map<String, Object> chunks(Path runOutput) throws IOException {
    JsonNode summary =
        Files.exists(runOutput.resolve("run-summary.json"))
            ? Json.MAPPER.readTree(runOutput.resolve("run-summary.json").toFile())
            : Json.MAPPER.createObjectNode();
    return Map.of("chunks", summary.path("chunks").asLong());
  }

  private static String markdown(
      List<Map<String, Object>> rows, String javaOpts, List<String> extractArgs) {
    StringBuilder md = new StringBuilder("# Memory benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Child JVM `%s`, extract options `%s`. Live heap: what a full GC leaves (jcmd"
                + " GC.class_histogram), at the end of reading and at its largest while requests"
                + " arrived; RSS beside each.%n%n",
            javaOpts,
            extractArgs.isEmpty() ? "none (DirectRunner)" : String.join(" ", extractArgs)));
    md.append(
        "| transcripts | chunks | exit | wall s | live heap, end of reading | RSS then | peak live"
            + " heap, extraction | RSS then | peak RSS |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s MB | %s MB | %s MB | %s MB | %s MB |%n",
              row.get("transcripts"),
              row.get("chunks"),
              row.get("exit"),
              row.get("wall_seconds"),
              row.get("live_heap_end_of_reading_mb"),
              row.get("rss_end_of_reading_mb"),
              row.get("peak_live_heap_mb"),
              row.get("rss_at_peak_live_heap_mb"),
              row.get("peak_rss_mb")));
    }
    if (rows.size() > 1) {
      md.append('\n').append(ratios(rows.get(0), rows.get(rows.size() - 1)));
    }
    return md.toString();
  }

  private static String ratios(Map<String, Object> first, Map<String, Object> last) {
    return String.format(
        Locale.ROOT,
        "Live heap at %s transcripts over %s: %s at the end of reading, %s at the peak of"
            + " extraction.%n",
        last.get("transcripts"),
        first.get("transcripts"),
        ratio(last.get("live_heap_end_of_reading_mb"), first.get("live_heap_end_of_reading_mb")),
        ratio(last.get("peak_live_heap_mb"), first.get("peak_live_heap_mb")));
  }

  private static String ratio(Object numerator, Object denominator) {
    if (!(numerator instanceof Long n) || !(denominator instanceof Long d) || d == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2fx", (double) n / d);
  }
}
