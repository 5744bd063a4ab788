package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.ConfigurationException;
import dev.beliefs.pipeline.EstimateCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** What {@code ./beliefs estimate} predicts for a run, asked before the run with its arguments. */
final class EstimateRun {

  private EstimateRun() {}

  /** The estimated total cost, or null (and why, on {@code err}) when it cannot be made. */
  static @Nullable BigDecimal totalCost(List<String> extractArgs, PrintStream err) {
    try {
      return EstimateCommand.estimate(extractArgs.toArray(String[]::new)).total().costUsd();
    } catch (ConfigurationException | IOException | IllegalArgumentException e) {
      err.println("estimate failed, the run goes on without it: " + e.getMessage());
      return null;
    }
  }
}
