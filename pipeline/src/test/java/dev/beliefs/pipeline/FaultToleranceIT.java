package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job under every fault the simulator can inject loses nothing and pays for exactly what was
 * billed; under a spending cap it stops at the cap and accounts for every chunk it did not send.
 */
class FaultToleranceIT {

  private static final ModelPrice GPT_4O_MINI =
      PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();
  private static final String ALL_FAULTS =
      "429:0.1,500:0.05,timeout:0.02,malformed:0.02,truncated:0.01";

  /**
   * Fault draws are a pure function of seed and request, so with this seed every kind of fault
   * occurs in this run of about sixty requests; the test checks that they did.
   */
  private static final long FAULT_SEED = 1;

  @TempDir Path temp;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private int extract(RunningSimulator simulator, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--input=" + ExtractCommandTest.samples() + "/*.txt",
                "--output=" + out,
                "--cheapMode",
                "--workers=8",
                "--baseUrl=" + simulator.baseUrl(),
                "--requestTimeoutSeconds=2"));
    args.addAll(List.of(more));
    PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new ExtractCommand(stream, stream, () -> null).run(args.toArray(String[]::new));
  }

  private static RunningSimulator simulator(FaultPlan faults) throws Exception {
    return Simulator.start(
        SimulatorConfig.builder()
            .timeScale(0.002)
            .faults(faults)
            .seed(FAULT_SEED)
            .faultTimeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void underEveryFault_noChunkIsLost_beliefsMatchAFaultFreeRun_andCostIsWhatWasBilled()
      throws Exception {
    Path clean = temp.resolve("clean");
    Path faulty = temp.resolve("faulty");
    try (RunningSimulator simulator = simulator(FaultPlan.NONE)) {
      assertEquals(ExitCode.OK, extract(simulator, clean), log.toString());
    }
    StatsSnapshot stats;
    JsonNode summary;
    try (RunningSimulator simulator = simulator(FaultPlan.parse(ALL_FAULTS))) {
      int exit = extract(simulator, faulty);
      stats = simulator.stats();
      summary = Json.MAPPER.readTree(faulty.resolve("run-summary.json").toFile());
      assertEquals(ExitCode.OK, exit, log.toString());
    }

    assertEquals(0, summary.get("chunks_failed").asLong());
    assertEquals("", Files.readString(faulty.resolve("failures/failures.jsonl")));
    assertArrayEquals(
        Files.readAllBytes(clean.resolve("beliefs/nasa-hwhap-ep218.jsonl")),
        Files.readAllBytes(faulty.resolve("beliefs/nasa-hwhap-ep218.jsonl")));
    for (String fault : List.of("429", "500", "timeout", "malformed", "truncated")) {
      assertTrue(
          stats.faultsInjected().getOrDefault(fault, 0L) > 0,
          "no " + fault + " injected: " + stats.faultsInjected());
    }
    assertEquals(stats.requests(), summary.get("requests").asLong());
    assertEquals(
        stats.requests() - summary.get("chunks").asLong(), summary.get("retries").asLong());
    assertEquals(stats.withStatus(429), summary.get("rate_limited").asLong());
    assertEquals(
        stats.faultsInjected().get("timeout"),
        summary.get("lost_requests").asLong(),
        "every answer the simulator held back is counted lost");
    assertTrue(summary.get("lost_cost_bound_usd").decimalValue().signum() > 0);
    BigDecimal billed =
        GPT_4O_MINI.cost(
            new Usage(
                stats.promptTokensBilled(),
                stats.cachedPromptTokensBilled(),
                stats.completionTokensBilled()));
    assertEquals(
        0,
        billed.compareTo(summary.get("cost_usd").decimalValue()),
        billed + " billed vs " + summary.get("cost_usd"));
  }

  @Test
  void aCapBelowTheFullCost_stopsSpendingAtTheCap_andEveryUnsentChunkIsAFailure() throws Exception {
    Path full = temp.resolve("full");
    BigDecimal fullCost;
    long chunks;
    try (RunningSimulator simulator = simulator(FaultPlan.NONE)) {
      assertEquals(ExitCode.OK, extract(simulator, full), log.toString());
      JsonNode summary = Json.MAPPER.readTree(full.resolve("run-summary.json").toFile());
      fullCost = summary.get("cost_usd").decimalValue();
      chunks = summary.get("chunks").asLong();
    }
    BigDecimal cap = fullCost.divide(BigDecimal.valueOf(2));
    Path capped = temp.resolve("capped");
    try (RunningSimulator simulator = simulator(FaultPlan.NONE)) {

      int exit = extract(simulator, capped, "--maxCostUsd=" + cap.toPlainString());

      StatsSnapshot stats = simulator.stats();
      JsonNode summary = Json.MAPPER.readTree(capped.resolve("run-summary.json").toFile());
      assertEquals(ExitCode.SOME_FAILED, exit, log.toString());
      BigDecimal spent = summary.get("cost_usd").decimalValue();
      BigDecimal billed =
          GPT_4O_MINI.cost(
              new Usage(
                  stats.promptTokensBilled(),
                  stats.cachedPromptTokensBilled(),
                  stats.completionTokensBilled()));
      assertEquals(0, billed.compareTo(spent));
      assertTrue(spent.compareTo(cap) <= 0, "spent $" + spent + " over the cap $" + cap);
      assertTrue(spent.signum() > 0);
      assertEquals(0, cap.compareTo(summary.get("max_cost_usd").decimalValue()));
      List<JsonNode> failures = TestFiles.jsonLines(capped.resolve("failures/failures.jsonl"));
      assertEquals(summary.get("chunks_failed").asLong(), failures.size());
      assertTrue(failures.size() > 0);
      for (JsonNode failure : failures) {
        assertEquals("budget_exhausted", failure.get("reason").asText(), failure.toString());
        assertEquals("extract", failure.get("stage").asText());
      }
      assertEquals(chunks, summary.get("chunks").asLong(), "every chunk is accounted, sent or not");
      assertEquals(
          chunks - failures.size(), stats.requests(), "only chunks within budget were sent");
    }
  }
}
