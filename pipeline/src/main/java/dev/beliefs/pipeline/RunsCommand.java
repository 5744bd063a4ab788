package dev.beliefs.pipeline;

import dev.beliefs.io.RunLog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code ./beliefs runs DIR}: the runs recorded in {@code DIR/runs.jsonl} side by side, oldest
 * first, as the prototype compared its worker counts.
 */
public final class RunsCommand {

  private static final String ROW =
      "%-3s %-20s %4s %-11s %-12s %7s %-12s %-7s %11s %7s %8s %6s %7s %12s %8s %8s %s%n";

  private final PrintStream out;
  private final PrintStream err;

  public RunsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    if (args.length != 1 || args[0].startsWith("--")) {
      err.println("error: usage: beliefs runs DIR (the --output of earlier runs)");
      return ExitCode.BAD_CONFIGURATION;
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    List<RunLog.Entry> runs;
    try {
      runs = RunLog.read(args[0]);
    } catch (IOException e) {
      err.println("error: cannot read " + args[0] + "/" + RunLog.FILE + ": " + e.getMessage());
      return ExitCode.CRASH;
    }
    if (runs.isEmpty()) {
      err.println("error: no runs recorded in " + args[0] + "/" + RunLog.FILE);
      return ExitCode.BAD_CONFIGURATION;
    }
    out.printf(
        Locale.ROOT,
        ROW,
        "#",
        "started",
        "exit",
        "status",
        "runner",
        "workers",
        "model",
        "levels",
        "transcripts",
        "chunks",
        "requests",
        "cache",
        "beliefs",
        "cost USD",
        "wall s",
        "chunks/s",
        "version");
    for (int i = 0; i < runs.size(); i++) {
      RunLog.Entry run = runs.get(i);
      out.printf(
          Locale.ROOT,
          ROW,
          i + 1,
          run.startedAt().length() > 19 ? run.startedAt().substring(0, 19) : run.startedAt(),
          run.exitCode(),
          run.status() == null ? "-" : run.status().replace("completed_with_failures", "failures"),
          run.runner(),
          run.workers(),
          run.model(),
          run.levels().toString().replace(" ", ""),
          orDash(run.transcripts()),
          orDash(run.chunks()),
          orDash(run.requests()),
          orDash(run.cacheHits()),
          orDash(run.beliefs()),
          run.costUsd() == null ? "-" : run.costUsd().toPlainString(),
          run.wallSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", run.wallSeconds()),
          throughput(run),
          run.version());
    }
    return ExitCode.OK;
  }

  private static String orDash(Long value) {
    return value == null ? "-" : value.toString();
  }

  private static String throughput(RunLog.Entry run) {
    if (run.chunks() == null || run.wallSeconds() == null || run.wallSeconds() <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", run.chunks() / run.wallSeconds());
  }
}
