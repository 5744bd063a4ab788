package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What estimate predicts against what a run on the simulator then costs, prompt caching on. The
 * simulator counts and caches by its own code; both take their answer sizes from the prototype's
 * published run, so this checks the estimate's arithmetic and its caching assumption against an
 * independent bill, not its guess of how much a model writes.
 */
class EstimateAgainstSimulatorTest {

  @TempDir Path temp;

  @Test
  void beforeAnyRun_within15Percent_aRerunCostsNothing_andLearnedSizesComeCloser()
      throws Exception {
    Path out = temp.resolve("out");
    String[] args = {
      "--input=" + ExtractCommandTest.samples() + "/*.txt", "--output=" + out, "--cheapMode"
    };

    Estimate before = estimate(args);
    JsonNode summary;
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      String[] extract = append(args, "--baseUrl=" + simulator.baseUrl());
      PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
      assertEquals(ExitCode.OK, new ExtractCommand(quiet, quiet, () -> null).run(extract));
      summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    }
    BigDecimal actual = summary.get("cost_usd").decimalValue();
    Estimate rerun = estimate(args);
    Estimate learned = estimate(append(args, "--cacheDir=" + temp.resolve("empty-cache")));

    assertTrue(summary.get("cached_prompt_tokens").asLong() > 0, summary.toString());
    assertTrue(before.text().contains("assumed cached"), before.text());
    assertTrue(relativeError(before.cost(), actual) <= 0.15, "before: " + before + " vs " + actual);
    assertEquals(0, rerun.cost().signum(), rerun.text());
    assertTrue(rerun.text().contains("a rerun over unchanged inputs"), rerun.text());
    assertTrue(
        relativeError(learned.cost(), actual) <= 0.03, "learned: " + learned + " vs " + actual);
  }

  /** The total cost estimate prints, and all it printed. */
  private record Estimate(BigDecimal cost, String text) {}

  private static Estimate estimate(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(
        ExitCode.OK,
        new EstimateCommand(stream, stream, () -> "sk-test").run(args),
        out.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    String total = text.lines().filter(line -> line.startsWith("total")).findFirst().orElseThrow();
    String[] columns = total.strip().split("\\s+");
    return new Estimate(
        new BigDecimal(columns[columns.length - 1].replace("$", "").replace(",", "")), text);
  }

  private static double relativeError(BigDecimal estimate, BigDecimal actual) {
    return estimate.subtract(actual).abs().divide(actual, 6, RoundingMode.HALF_UP).doubleValue();
  }

  private static String[] append(String[] args, String more) {
    return Stream.concat(Arrays.stream(args), Stream.of(more)).toArray(String[]::new);
  }
}
