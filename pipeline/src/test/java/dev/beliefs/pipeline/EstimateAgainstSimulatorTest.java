package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What estimate predicts against what a run on the simulator then costs. */
class EstimateAgainstSimulatorTest {

  @TempDir Path temp;

  @Test
  void estimateLandsWithin15PercentOfTheActualCost_andCloserOnceItHasARunToLearnFrom()
      throws Exception {
    Path out = temp.resolve("out");
    String[] args = {
      "--input=" + ExtractCommandTest.samples() + "/*.txt", "--output=" + out, "--cheapMode"
    };

    BigDecimal before = estimatedCost(args);
    BigDecimal actual;
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      String[] extract = append(args, "--baseUrl=" + simulator.baseUrl());
      PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
      assertEquals(ExitCode.OK, new ExtractCommand(quiet, quiet, () -> null).run(extract));
      actual =
          Json.MAPPER
              .readTree(out.resolve("run-summary.json").toFile())
              .get("cost_usd")
              .decimalValue();
    }
    BigDecimal after = estimatedCost(args);

    assertTrue(relativeError(before, actual) <= 0.15, "before: " + before + " vs " + actual);
    assertTrue(relativeError(after, actual) <= 0.02, "after: " + after + " vs " + actual);
  }

  private static BigDecimal estimatedCost(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(ExitCode.OK, new EstimateCommand(stream, stream).run(args), out.toString());
    String total =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.startsWith("total"))
            .findFirst()
            .orElseThrow();
    String[] columns = total.strip().split("\\s+");
    return new BigDecimal(columns[columns.length - 1]);
  }

  private static double relativeError(BigDecimal estimate, BigDecimal actual) {
    return estimate.subtract(actual).abs().divide(actual, 6, RoundingMode.HALF_UP).doubleValue();
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
