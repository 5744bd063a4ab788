package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.model.Usage;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --workers}, the rate limits and {@code --maxCostUsd} hold for the whole job on a session
 * cluster of two TaskManagers, judged by what the simulator saw and billed, not by the job's own
 * accounts. The workload is the sample and a Go Time excerpt (two transcripts, levels 1 and 5,
 * cheap mode), run once on the DirectRunner first for the beliefs, requests, tokens and cost it
 * takes.
 */
class FlinkJobWideIT {

  private static final String API_KEY =
      "sk-test-flink-it-" + UUID.randomUUID().toString().replace("-", "");
  private static final int WORKERS = 4;
  private static final ModelPrice MINI =
      PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();
  private static final int MAX_TOKENS = 1500;

  @TempDir static Path temp;

  private static ClusterJobs jobs;
  private static Path input;
  private static Path directOutput;
  private static StatsSnapshot directBill;

  @BeforeAll
  static void runTheWorkloadOnTheDirectRunner_thenStartTwoTaskManagers() throws Exception {
    input = Files.createDirectories(temp.resolve("input"));
    Files.copy(
        TestFiles.projectRoot().resolve("samples/nasa-hwhap-ep218.txt"),
        input.resolve("nasa-hwhap-ep218.txt"));
    Files.copy(
        TestFiles.projectRoot().resolve("testdata/transcripts/conversations/gotime-150-excerpt.md"),
        input.resolve("gotime-150-excerpt.md"));
    directOutput = temp.resolve("direct");
    try (RunningSimulator direct = simulator(SimulatorConfig.builder().timeScale(0.001))) {
      ClusterJobs.extractInProcess(
          options(direct.baseUrl(), directOutput), () -> API_KEY, ExitCode.OK);
      directBill = direct.stats();
    }
    jobs = ClusterJobs.onTwoTaskManagers(temp, API_KEY);
  }

  @AfterAll
  static void stopTheCluster() {
    if (jobs != null) {
      jobs.close();
    }
  }

  /**
   * Limits that bind: the simulator admits half the workload's tokens and requests per minute, and
   * the job is given the same limits. Every subtask holds a quarter of them; the simulator's
   * statistics show the job as a whole within them.
   */
  @Test
  void withLimitsThatBind_theJobAsAWholeStaysWithinThem_andGivesTheDirectRunnersBeliefs()
      throws Exception {
    long requests = directBill.requests();
    long tokens = admittedTokens(directBill);
    long rpm = Math.max(2 * WORKERS, requests / 2);
    long tpm = tokens / 2;
    Path output = temp.resolve("limited");
    ClusterJobs.Run run;
    try (RunningSimulator simulator =
        simulator(
            SimulatorConfig.builder()
                .timeScale(0.02)
                .requestsPerMinute(rpm)
                .tokensPerMinute(tpm))) {
      List<String> options = new ArrayList<>(options(simulator.baseUrl(), output));
      options.add("--rpmLimit=" + rpm);
      options.add("--tpmLimit=" + tpm);
      run = jobs.submit("flink-it-limits", options, simulator, jobId -> {});
    }

    StatsSnapshot bill = run.bill();
    assertEquals("FINISHED", run.state(), run.describe());
    assertEquals(ExitCode.OK, run.submitter().exit(), run.describe());
    ClusterJobs.assertSameBeliefs(directOutput, output);
    System.out.printf(
        "Limits %d requests and %d tokens per minute over 2 TaskManagers, %d workers: %d requests"
            + " (%d answered 429), at most %d in flight, busiest minute %d requests and %d tokens"
            + " admitted, admissions over %d s%n",
        rpm,
        tpm,
        WORKERS,
        bill.requests(),
        bill.withStatus(429),
        bill.maxInFlight(),
        bill.peakRequestsPerMinute(),
        bill.peakTokensPerMinute(),
        admissionSeconds(bill));
    assertTrue(bill.maxInFlight() <= WORKERS, "in flight at once: " + bill.maxInFlight());
    assertTrue(100 * bill.withStatus(429) <= bill.requests(), "over 1% answered 429: " + bill);
    // A token bucket of a minute's limit, refilled over the minute, admits at most twice the limit
    // in any minute: the full bucket and its refill. Requests are counted whatever their answer.
    assertTrue(bill.peakRequestsPerMinute() <= 2 * rpm, "requests sent in a minute: " + bill);
    assertTrue(bill.peakTokensPerMinute() <= 2 * tpm, "tokens admitted in a minute: " + bill);
    // The limits bound the run: unlimited, these calls take a few seconds.
    assertTrue(admissionSeconds(bill) >= 30, "the limits did not bind: " + bill);
  }

  /**
   * A cap of half what the workload costs: what the simulator billed stays within it (one request's
   * worst case is allowed, the promise), and every chunk not asked is in failures with the reason.
   */
  @Test
  void withACapOfHalfTheFullCost_theBillStaysWithinIt_andTheChunksNotAskedAreRecorded()
      throws Exception {
    JsonNode direct = ClusterJobs.summary(directOutput);
    BigDecimal fullCost = new BigDecimal(direct.get("cost_usd").asText());
    BigDecimal cap =
        fullCost.divide(BigDecimal.valueOf(2)).setScale(6, java.math.RoundingMode.DOWN);
    Path output = temp.resolve("capped");
    ClusterJobs.Run run;
    long mostPrompt;
    try (RunningSimulator simulator = simulator(SimulatorConfig.builder().timeScale(0.02));
        RecordingGate gate = RecordingGate.inFrontOf(simulator.baseUrl())) {
      List<String> options = new ArrayList<>(options(gate.baseUrl(), output));
      options.add("--maxCostUsd=" + cap.toPlainString());
      run = jobs.submit("flink-it-budget", options, simulator, jobId -> {});
      mostPrompt = gate.log().stream().mapToLong(RecordingGate.Asked::promptTokens).max().orElse(0);
    }

    StatsSnapshot bill = run.bill();
    BigDecimal billed =
        MINI.cost(new Usage(bill.promptTokensBilled(), 0, bill.completionTokensBilled()));
    BigDecimal worstRequest = MINI.cost(new Usage(mostPrompt, 0, MAX_TOKENS));
    JsonNode summary = ClusterJobs.summary(output);
    List<JsonNode> failures = TestFiles.jsonLines(output.resolve("failures/failures.jsonl"));
    System.out.printf(
        "Cap $%s (the workload costs $%s): billed $%s by the simulator (uncached prices), $%s"
            + " left unused (%.1f%% of the cap); %d of %d chunks asked, %d not asked%n",
        cap.toPlainString(),
        fullCost.toPlainString(),
        billed.toPlainString(),
        cap.subtract(billed).toPlainString(),
        100 * cap.subtract(billed).doubleValue() / cap.doubleValue(),
        bill.requests(),
        direct.get("chunks").asLong(),
        failures.size());

    assertEquals("FINISHED", run.state(), run.describe());
    assertEquals(ExitCode.SOME_FAILED, run.submitter().exit(), run.describe());
    assertTrue(
        billed.compareTo(cap.add(worstRequest)) <= 0,
        "billed $" + billed + " passes the cap $" + cap + " plus one request's worst case");
    assertTrue(failures.size() > 0, "half the cost cannot buy every chunk");
    assertEquals(summary.get("chunks_failed").asLong(), failures.size());
    assertEquals(direct.get("chunks").asLong(), bill.requests() + failures.size());
    for (JsonNode failure : failures) {
      assertEquals("extract", failure.get("stage").asText(), failure.toString());
      assertEquals("budget_exhausted", failure.get("reason").asText(), failure.toString());
      assertEquals(0, failure.get("attempts").asInt(), failure.toString());
      assertTrue(
          failure.get("detail").asText().contains("--maxCostUsd=" + cap.toPlainString()),
          failure.toString());
    }
    assertTrue(
        new BigDecimal(summary.get("cost_usd").asText()).compareTo(cap) <= 0, summary.toString());
  }

  private static List<String> options(String baseUrl, Path output) {
    return List.of(
        "--input=" + input + "/*",
        "--output=" + output,
        "--baseUrl=" + baseUrl,
        "--cheapMode",
        "--workers=" + WORKERS,
        "--maxTokens=" + MAX_TOKENS);
  }

  private static RunningSimulator simulator(SimulatorConfig.Builder config) throws Exception {
    return Simulator.start(config.apiKey(API_KEY).build());
  }

  private static long admittedTokens(StatsSnapshot stats) {
    return stats.admittedPerSecond().stream().mapToLong(StatsSnapshot.AdmittedSecond::tokens).sum();
  }

  /** From the first admission to the last, in seconds. */
  private static long admissionSeconds(StatsSnapshot stats) {
    List<StatsSnapshot.AdmittedSecond> seconds = stats.admittedPerSecond();
    return seconds.get(seconds.size() - 1).epochSecond() - seconds.get(0).epochSecond();
  }
}
