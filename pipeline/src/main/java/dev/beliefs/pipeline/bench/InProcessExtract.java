package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.ExtractCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code extract} in this JVM with its output captured, timing it. */
final class InProcessExtract {

  private InProcessExtract() {}

  /** Exit code, wall time and everything it printed. */
  record Run(int exit, double wallSeconds, String log) {}

  static Run run(List<String> args) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
    long start = System.nanoTime();
    int exit =
        new ExtractCommand(logStream, logStream, () -> null).run(args.toArray(String[]::new));
    return new Run(exit, (System.nanoTime() - start) / 1e9, log.toString(StandardCharsets.UTF_8));
  }
}
