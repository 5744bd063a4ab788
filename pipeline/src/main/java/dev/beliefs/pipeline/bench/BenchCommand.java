package dev.beliefs.pipeline.bench;

import dev.beliefs.json.Json;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
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
 * {@code ./beliefs bench}: the prototype's worker-scaling experiment on this job, over real HTTP.
 * For each worker count it runs {@code extract} on the same workload (the first utterances of a
 * transcript, levels 1 and 5, cheap mode) against a simulator (in process, or {@code --baseUrl} for
 * one started with {@code ./beliefs simulate}), then writes {@code bench.json}, {@code bench.md}
 * and {@code bench-speedup.svg}. Every row must find the same beliefs at the same cost; if not, it
 * says so and exits 3. Options it does not know go to {@code extract} (for example {@code
 * --runner=FlinkRunner --flinkMaster=[local]}).
 */
public final class BenchCommand {

  /** About one second per call for the prototype-shaped workload (~14 s at scale 1). */
  static final double DEFAULT_TIME_SCALE = 0.07;

  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The bench's own options; the rest are passed to every extract run. */
  record Settings(
      List<Integer> workers,
      Path output,
      double timeScale,
      String baseUrl,
      int utterances,
      Path transcript,
      List<String> extractArgs) {

    static Settings parse(String[] args) {
      BenchArgs bench =
          new BenchArgs(
              args,
              Set.of("workers", "output", "timeScale", "baseUrl", "utterances", "transcript"));
      Path output = bench.requiredPath("output");
      Path transcript = bench.path("transcript", Path.of("samples", "nasa-hwhap-ep218.txt"));
      if (!Files.isReadable(transcript)) {
        throw new IllegalArgumentException("--transcript=" + transcript + " cannot be read");
      }
      return new Settings(
          bench.integers("workers", List.of(1, 4, 10, 20, 50)),
          output,
          bench.number("timeScale", DEFAULT_TIME_SCALE),
          bench.string("baseUrl", null),
          Math.max(1, bench.integer("utterances", 17)),
          transcript,
          bench.extractArgs());
    }
  }

  public int run(String[] args) {
    if (List.of(args).contains("--scale")) {
      return guarded(() -> new SaturationBench(out, err).run(args));
    }
    if (List.of(args).contains("--memory")) {
      return guarded(() -> new MemoryBench(out, err).run(args));
    }
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    }
    try (RunningSimulator local =
        settings.baseUrl() == null
            ? Simulator.start(SimulatorConfig.builder().timeScale(settings.timeScale()).build())
            : null) {
      String baseUrl = local != null ? local.baseUrl() : settings.baseUrl();
      return bench(settings, baseUrl);
    } catch (IOException | TranscriptParseException | InterruptedException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CRASH;
    }
  }

  /** A benchmark mode, run with bad arguments and I/O failures turned into exit codes. */
  @FunctionalInterface
  private interface Mode {
    int run() throws IOException, TranscriptParseException, InterruptedException;
  }

  private int guarded(Mode mode) {
    try {
      return mode.run();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    } catch (IOException | TranscriptParseException | InterruptedException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CRASH;
    }
  }

  private int bench(Settings settings, String baseUrl)
      throws IOException, TranscriptParseException, InterruptedException {
    FreshDirectory.of(settings.output().resolve("rows"));
    FreshDirectory.of(settings.output().resolve("workload"));
    Path workload = Workload.write(settings.transcript(), settings.utterances(), settings.output());
    SimulatorClient simulator = new SimulatorClient(baseUrl);
    // One unrecorded run first, so that no row pays for loading and compiling the job's classes.
    if (runExtract(settings, workload, baseUrl, settings.workers().get(0), "warm-up").exit()
        != ExitCode.OK) {
      return ExitCode.CRASH;
    }
    List<Measured> measured = new ArrayList<>();
    for (int workers : settings.workers()) {
      simulator.reset();
      Run run = runExtract(settings, workload, baseUrl, workers, "workers-" + workers);
      if (run.exit() != ExitCode.OK) {
        return run.exit();
      }
      measured.add(
          new Measured(
              workers, run.wallSeconds(), simulator.stats(), RowOutputs.read(run.output())));
      err.printf(Locale.ROOT, "workers=%d: %.2f s%n", workers, run.wallSeconds());
    }
    List<BenchRow> rows = ScalingRows.of(measured);
    write(settings, rows, measured);
    BenchReport.markdown(rows, setting(settings, measured)).lines().forEach(out::println);
    return consistent(measured);
  }

  /** One extract run's exit code, wall time and output directory. */
  private record Run(int exit, double wallSeconds, Path output) {}

  private Run runExtract(
      Settings settings, Path workload, String baseUrl, int workers, String name) {
    Path rowOutput = settings.output().resolve("rows").resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input=" + workload,
                "--output=" + rowOutput,
                "--levels=1,5",
                "--cheapMode",
                "--workers=" + workers,
                "--baseUrl=" + baseUrl));
    args.addAll(settings.extractArgs());
    InProcessExtract.Run run = InProcessExtract.run(args);
    if (run.exit() != ExitCode.OK) {
      err.println("error: extract (" + name + ") exited " + run.exit() + ":\n" + run.log());
    }
    return new Run(run.exit(), run.wallSeconds(), rowOutput);
  }

  /** A row's raw measurements. */
  record Measured(int workers, double wallSeconds, StatsSnapshot stats, RowOutputs outputs) {

    /** The simulator's service time of each call answered, in seconds. */
    List<Double> callSeconds() {
      return stats.serviceTimesMs().stream().map(ms -> ms / 1000.0).toList();
    }
  }

  private void write(Settings settings, List<BenchRow> rows, List<Measured> measured)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("setting", setting(settings, measured));
    json.put("time_scale", settings.timeScale());
    json.put("extract_args", settings.extractArgs());
    json.put("machine", machine());
    json.put("rows", rows);
    Files.writeString(settings.output().resolve("bench.json"), Json.pretty(json) + "\n");
    Files.writeString(
        settings.output().resolve("bench.md"),
        BenchReport.markdown(rows, setting(settings, measured)));
    Files.writeString(settings.output().resolve("bench-speedup.svg"), BenchReport.chart(rows));
  }

  private static String setting(Settings settings, List<Measured> measured) {
    List<Double> calls = measured.get(0).callSeconds();
    return String.format(
        Locale.ROOT,
        "Workload: the first %d utterances of %s, levels [1,5], cheap mode (gpt-4o-mini prices),"
            + " %d calls of %.2f s on average, %.2f to %.2f s (simulator timeScale %s, prompt"
            + " cache on). Extract options: %s. Machine: %s.",
        settings.utterances(),
        settings.transcript().getFileName(),
        calls.size(),
        calls.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        calls.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        calls.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        settings.timeScale(),
        settings.extractArgs().isEmpty()
            ? "none (DirectRunner)"
            : String.join(" ", settings.extractArgs()),
        machine());
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name");
  }

  /** Exit 0 when every row found the same beliefs at the same cost, else say which differ. */
  private int consistent(List<Measured> measured) {
    RowOutputs first = measured.get(0).outputs();
    boolean same = true;
    for (Measured m : measured) {
      if (!m.outputs().beliefIds().equals(first.beliefIds())) {
        err.println(
            "error: workers="
                + m.workers()
                + " found other beliefs than workers="
                + measured.get(0).workers());
        same = false;
      }
      if (m.outputs().costUsd().compareTo(first.costUsd()) != 0) {
        err.println(
            "error: workers="
                + m.workers()
                + " cost $"
                + m.outputs().costUsd()
                + ", not $"
                + first.costUsd());
        same = false;
      }
    }
    return same ? ExitCode.OK : ExitCode.SOME_FAILED;
  }
}
