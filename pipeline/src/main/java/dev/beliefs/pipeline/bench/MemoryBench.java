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
import java.util.Set;

/**
 * {@code ./beliefs bench --memory}: does the job's memory grow with its input? Runs {@code extract}
 * in a child JVM (the shaded jar) over {@link ScaleWorkload}s of each size against a zero-latency,
 * unlimited simulator, and records the child's peak resident set size ({@code VmHWM} in {@code
 * /proc/<pid>/status}, sampled until it exits). Writes {@code memory.json} and {@code memory.md}.
 */
final class MemoryBench {

  private static final long SAMPLE_MS = 100;

  /** What {@code ./beliefs} runs the jar with unless BELIEFS_JAVA_OPTS says otherwise. */
  static final String LAUNCHER_JAVA_OPTS = "-Xmx1g";

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
                "javaOpts"));
    Path output = bench.requiredPath("output");
    Path jar = bench.path("jar", Path.of("pipeline", "target", "belief-pipeline.jar"));
    if (!Files.isReadable(jar)) {
      throw new IllegalArgumentException(
          jar + " is missing: build it with ./beliefs help or mvn package");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      for (int count : bench.integers("transcripts", List.of(100, 1000))) {
        String input =
            ScaleWorkload.write(
                bench.path("sources", Path.of("testdata", "transcripts", "conversations")),
                count,
                output.resolve("workload-" + count));
        Path runOutput = output.resolve("run-" + count);
        List<String> command = new ArrayList<>(List.of("java"));
        String javaOpts = bench.string("javaOpts", LAUNCHER_JAVA_OPTS);
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
        rows.add(measure(count, command, runOutput, output.resolve("run-" + count + ".log")));
        err.printf(Locale.ROOT, "%d transcripts: %s%n", count, rows.get(rows.size() - 1));
      }
    }
    long first = (long) rows.get(0).get("peak_rss_mb");
    rows.forEach(
        row ->
            row.put(
                "ratio_to_first",
                Math.round(100.0 * (long) row.get("peak_rss_mb") / first) / 100.0));
    Files.writeString(output.resolve("memory.json"), Json.pretty(Map.of("rows", rows)) + "\n");
    StringBuilder md =
        new StringBuilder(
            "# Memory benchmark\n\n| transcripts | chunks | exit | wall s | peak RSS MB | ratio to first |\n|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              row.get("transcripts"),
              row.get("chunks"),
              row.get("exit"),
              row.get("wall_seconds"),
              row.get("peak_rss_mb"),
              row.get("ratio_to_first")));
    }
    Files.writeString(output.resolve("memory.md"), md.toString());
    out.print(md);
    return rows.stream().allMatch(row -> (int) row.get("exit") == ExitCode.OK)
        ? ExitCode.OK
        : ExitCode.SOME_FAILED;
  }

  private static Map<String, Object> measure(
      int count, List<String> command, Path runOutput, Path log)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path status = Path.of("/proc", Long.toString(child.pid()), "status");
    long peakKb = 0;
    while (child.isAlive()) {
      peakKb = Math.max(peakKb, highWaterKb(status));
      Thread.sleep(SAMPLE_MS);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("transcripts", count);
    row.put("exit", child.exitValue());
    row.put("wall_seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    row.put("peak_rss_mb", peakKb / 1024);
    JsonNode summary =
        Files.exists(runOutput.resolve("run-summary.json"))
            ? Json.MAPPER.readTree(runOutput.resolve("run-summary.json").toFile())
            : Json.MAPPER.createObjectNode();
    row.put("chunks", summary.path("chunks").asLong());
    return row;
  }

  /** {@code VmHWM} (peak resident set) in kB, or 0 once the process is gone. */
  private static long highWaterKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
