package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import dev.beliefs.pipeline.sim.FaultPlan;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real job against an in-process simulator over HTTP: what the job reports having sent and
 * spent is what the simulator received and billed.
 */
class ExtractWithSimulatorTest {

  private static final ModelPrice GPT_4O_MINI =
      PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();

  @TempDir Path temp;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void theSampleAgainstTheSimulator_writesBeliefs_andCountsEveryRequestAndCentAsBilled()
      throws Exception {
    Path out = temp.resolve("out");
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).apiKey("sk-test").build())) {

      int exit = extract(simulator, out);

      assertEquals(ExitCode.OK, exit, stderr.toString(StandardCharsets.UTF_8));
      List<JsonNode> beliefs = TestFiles.jsonLines(out.resolve("beliefs/nasa-hwhap-ep218.jsonl"));
      // The simulator answers as the offline extractor would.
      assertEquals(ExtractCommandTest.NASA_OFFLINE_BELIEFS, beliefs.size());
      JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
      StatsSnapshot stats = simulator.stats();
      assertEquals("gpt-4o-mini", summary.get("model").asText());
      assertEquals(stats.requests(), summary.get("requests").asLong());
      assertEquals(stats.requests(), stats.withStatus(200));
      assertEquals(summary.get("chunks").asLong(), summary.get("requests").asLong());
      assertBilledAsSummarised(stats, summary);
    }
  }

  @Test
  void withFaults_theJobRetries_andItsAccountStillMatchesTheBill() throws Exception {
    Path out = temp.resolve("out");
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0.001)
                .faults(FaultPlan.parse("429:0.1,500:0.1,503:0.05,malformed:0.1,truncated:0.05"))
                .seed(11)
                .build())) {

      int exit = extract(simulator, out);

      assertTrue(exit == ExitCode.OK || exit == ExitCode.SOME_FAILED, "exit " + exit);
      JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
      StatsSnapshot stats = simulator.stats();
      assertEquals(stats.requests(), summary.get("requests").asLong());
      assertEquals(stats.withStatus(429), summary.get("rate_limited").asLong());
      assertTrue(summary.get("retries").asLong() > 0, summary.toString());
      // Each fault is drawn from the seed, the request's body and its attempt: the same every run.
      assertEquals(
          Map.of("429", 7L, "500", 2L, "503", 1L, "malformed", 7L, "truncated", 3L),
          stats.faultsInjected());
      assertBilledAsSummarised(stats, summary);
    }
  }

  private int extract(RunningSimulator simulator, Path out) {
    return new ExtractCommand(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> "sk-test")
        .run(
            new String[] {
              "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
              "--output=" + out,
              "--baseUrl=" + simulator.baseUrl(),
              "--cheapMode",
              "--workers=4"
            });
  }

  private static void assertBilledAsSummarised(StatsSnapshot stats, JsonNode summary)
      throws Exception {
    assertEquals(stats.promptTokensBilled(), summary.get("prompt_tokens").asLong());
    assertEquals(stats.completionTokensBilled(), summary.get("completion_tokens").asLong());
    assertEquals(stats.cachedPromptTokensBilled(), summary.get("cached_prompt_tokens").asLong());
    assertTrue(stats.cachedPromptTokensBilled() > 0, "the system prompt is cached");
    BigDecimal billed =
        GPT_4O_MINI.cost(
            new Usage(
                stats.promptTokensBilled(),
                stats.cachedPromptTokensBilled(),
                stats.completionTokensBilled()));
    assertTrue(billed.signum() > 0);
    assertEquals(
        0,
        billed.compareTo(summary.get("cost_usd").decimalValue()),
        billed + " billed, " + summary.get("cost_usd") + " summarised");
  }
}
