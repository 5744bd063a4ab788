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
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --batch} against the simulator over HTTP: the Batch API finds what online requests find,
 * at the batch price, and the account matches what the simulator billed.
 */
class BatchModeTest {

  private static final ModelPrice GPT_4O_MINI_BATCH =
      PricingTable.bundled().batchPriceOf("gpt-4o-mini").orElseThrow();

  @TempDir Path temp;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void
      theSampleInOneBatch_findsTheOnlineBeliefsByteForByte_atExactlyHalfTheCost_andARerunAsksNothing()
          throws Exception {
    Path online = temp.resolve("online");
    Path batch = temp.resolve("batch");
    try (RunningSimulator simulator =
        Simulator.start(
            // Batch prompts are not cached: compare with uncached online prompts, token for token.
            SimulatorConfig.builder()
                .timeScale(0.001)
                .apiKey("sk-test")
                .promptCache(false)
                .build())) {

      assertEquals(ExitCode.OK, extract(simulator, online), log());
      StatsSnapshot afterOnline = simulator.stats();
      assertEquals(ExitCode.OK, extract(simulator, batch, "--batch"), log());
      StatsSnapshot stats = simulator.stats();

      assertArrayEquals(
          Files.readAllBytes(online.resolve("beliefs/nasa-hwhap-ep218.jsonl")),
          Files.readAllBytes(batch.resolve("beliefs/nasa-hwhap-ep218.jsonl")));
      JsonNode onlineSummary = summary(online);
      JsonNode batchSummary = summary(batch);
      BigDecimal onlineCost = onlineSummary.get("cost_usd").decimalValue();
      BigDecimal batchCost = batchSummary.get("cost_usd").decimalValue();
      assertTrue(batchCost.signum() > 0);
      assertEquals(0, onlineCost.compareTo(batchCost.multiply(BigDecimal.valueOf(2))));
      assertTrue(batchSummary.get("batch").asBoolean());
      assertTrue(!onlineSummary.get("batch").asBoolean());
      long chunks = batchSummary.get("chunks").asLong();
      assertEquals(onlineSummary.get("chunks").asLong(), chunks);
      assertEquals(chunks, batchSummary.get("requests").asLong());
      assertEquals(afterOnline.requests(), stats.requests(), "batch mode sent nothing online");
      assertEquals(1, stats.batchesCreated());
      assertEquals(1, stats.filesUploaded());
      assertEquals(chunks, stats.batchRequests());
      assertEquals(stats.batchPromptTokensBilled(), batchSummary.get("prompt_tokens").asLong());
      assertEquals(
          stats.batchCompletionTokensBilled(), batchSummary.get("completion_tokens").asLong());
      BigDecimal billed =
          GPT_4O_MINI_BATCH.cost(
              new Usage(stats.batchPromptTokensBilled(), 0, stats.batchCompletionTokensBilled()));
      assertEquals(
          0, billed.compareTo(batchCost), billed + " billed, " + batchCost + " summarised");
      assertEquals(List.of(), jsonFiles(batch.resolve("batches")));
      assertEquals(1, jsonFiles(batch.resolve("batches/collected")).size());
      System.out.printf(
          "online vs batch: %d chunks, $%s online, $%s in 1 batch%n",
          chunks, onlineCost.toPlainString(), batchCost.toPlainString());

      assertEquals(ExitCode.OK, extract(simulator, batch, "--batch"), log());

      JsonNode rerun = summary(batch);
      assertEquals(1, simulator.stats().batchesCreated(), "the cache answered every chunk");
      assertEquals(chunks, rerun.get("cache_hits").asLong());
      assertEquals(0, rerun.get("requests").asLong());
      assertEquals(0, rerun.get("cost_usd").decimalValue().signum());
    }
  }

  @Test
  void withInjectedFaults_failedAndExpiredRequestsGoIntoNewBatches_andTheAccountMatchesTheBill()
      throws Exception {
    Path clean = temp.resolve("clean");
    Path faulty = temp.resolve("faulty");
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).build())) {
      assertEquals(ExitCode.OK, extract(simulator, clean, "--batch"), log());
    }
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0.001)
                .faults(FaultPlan.parse("500:0.1,429:0.05,timeout:0.1,malformed:0.05"))
                .seed(5)
                .build())) {

      assertEquals(ExitCode.OK, extract(simulator, faulty, "--batch"), log());

      StatsSnapshot stats = simulator.stats();
      JsonNode summary = summary(faulty);
      assertTrue(stats.batchesCreated() >= 2, "batches: " + stats.batchesCreated());
      assertTrue(stats.batchRequestsByStatus().containsKey("expired"), stats.toString());
      assertTrue(stats.batchRequestsByStatus().containsKey("500"), stats.toString());
      assertEquals(stats.batchRequests(), summary.get("requests").asLong());
      assertEquals(
          stats.batchRequests() - summary.get("chunks").asLong(), summary.get("retries").asLong());
      assertEquals(stats.batchRequestsByStatus().get("429"), summary.get("rate_limited").asLong());
      assertEquals(stats.batchPromptTokensBilled(), summary.get("prompt_tokens").asLong());
      BigDecimal billed =
          GPT_4O_MINI_BATCH.cost(
              new Usage(stats.batchPromptTokensBilled(), 0, stats.batchCompletionTokensBilled()));
      assertEquals(0, billed.compareTo(summary.get("cost_usd").decimalValue()));
      assertArrayEquals(
          Files.readAllBytes(clean.resolve("beliefs/nasa-hwhap-ep218.jsonl")),
          Files.readAllBytes(faulty.resolve("beliefs/nasa-hwhap-ep218.jsonl")));
      System.out.printf(
          "faults in batches: %d batches, %d lines %s for %d chunks%n",
          stats.batchesCreated(),
          stats.batchRequests(),
          stats.batchRequestsByStatus(),
          summary.get("chunks").asLong());
    }
  }

  @Test
  void whenEveryRoundFails_theChunksGoToFailuresWithStageExtractAndAReason() throws Exception {
    Path out = temp.resolve("out");
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder().timeScale(0.001).faults(FaultPlan.parse("500:1")).build())) {

      assertEquals(ExitCode.SOME_FAILED, extract(simulator, out, "--batch"), log());

      JsonNode summary = summary(out);
      long chunks = summary.get("chunks").asLong();
      assertEquals(3, simulator.stats().batchesCreated());
      assertEquals(3 * chunks, simulator.stats().batchRequests());
      assertEquals(chunks, summary.get("chunks_failed").asLong());
      assertEquals(0, summary.get("cost_usd").decimalValue().signum(), "errors are not billed");
      List<JsonNode> failures = TestFiles.jsonLines(out.resolve("failures/failures.jsonl"));
      assertEquals(chunks, failures.size());
      for (JsonNode failure : failures) {
        assertEquals("extract", failure.get("stage").asText());
        assertEquals("http_500", failure.get("reason").asText());
        assertEquals(3, failure.get("attempts").asInt());
        assertTrue(
            failure
                .get("detail")
                .asText()
                .startsWith("gave up after 3 batch rounds; last: HTTP 500"),
            failure.toString());
      }
    }
  }

  @Test
  void moreRequestsThanABatchTakes_areSplitIntoSeveralBatches_withTheSameBeliefs()
      throws Exception {
    Path one = temp.resolve("one");
    Path split = temp.resolve("split");
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).maxBatchRequests(10).build())) {
      long chunks;
      try (RunningSimulator unlimited =
          Simulator.start(SimulatorConfig.builder().timeScale(0.001).build())) {
        assertEquals(ExitCode.OK, extract(unlimited, one, "--batch"), log());
        chunks = summary(one).get("chunks").asLong();
      }

      PipelineResult.State state = runWithBatchesOf(10, simulator, split);

      assertEquals(PipelineResult.State.DONE, state);
      assertEquals((chunks + 9) / 10, simulator.stats().batchesCreated());
      assertEquals(chunks, simulator.stats().batchRequests());
      assertEquals(chunks, summary(split).get("chunks").asLong());
      assertEquals(0, summary(split).get("chunks_failed").asLong());
      assertArrayEquals(
          Files.readAllBytes(one.resolve("beliefs/nasa-hwhap-ep218.jsonl")),
          Files.readAllBytes(split.resolve("beliefs/nasa-hwhap-ep218.jsonl")));
    }
  }

  @Test
  void aModelWithoutBatchPrices_isAConfigurationError() throws Exception {
    Path pricing = temp.resolve("pricing.json");
    Files.writeString(
        pricing, "{\"models\": {\"gpt-4o-mini\": {\"input\": 0.15, \"output\": 0.60}}}");

    int exit =
        extract(
            "http://127.0.0.1:9/v1", temp.resolve("out"), "--batch", "--pricingFile=" + pricing);

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(log().contains("error: --batch: no Batch API price for model 'gpt-4o-mini'"), log());
  }

  @Test
  void batchModeWithoutAModel_isAConfigurationError() {
    int exit =
        new ExtractCommand(
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                () -> null)
            .run(
                new String[] {
                  "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
                  "--output=" + temp.resolve("out"),
                  "--batch"
                });

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(log().contains("--batch needs a model"), log());
  }

  /** The job as {@code extract --batch} builds it, with at most {@code requests} per batch. */
  private static PipelineResult.State runWithBatchesOf(
      int requests, RunningSimulator simulator, Path out) throws Exception {
    PipelineOptionsFactory.register(BeliefOptions.class);
    BeliefOptions options =
        PipelineOptionsFactory.fromArgs(arguments(simulator.baseUrl(), out, "--batch"))
            .as(BeliefOptions.class);
    FileSystems.setDefaultPipelineOptions(options);
    JobSettings settings = JobSettings.from(options, () -> "sk-test");
    settings = settings.withBatch(settings.batch().withMaxRequestsPerBatch(requests));
    return BeliefPipeline.buildPipeline(Pipeline.create(options), settings).run().waitUntilFinish();
  }

  private int extract(RunningSimulator simulator, Path out, String... more) {
    return extract(simulator.baseUrl(), out, more);
  }

  private int extract(String baseUrl, Path out, String... more) {
    return new ExtractCommand(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> "sk-test")
        .run(arguments(baseUrl, out, more));
  }

  private static String[] arguments(String baseUrl, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
                "--output=" + out,
                "--baseUrl=" + baseUrl,
                "--cheapMode",
                "--workers=4"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private String log() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode summary(Path out) throws IOException {
    return Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
    }
  }
}
