package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
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
  void theSampleInOneBatch_findsTheOnlineBeliefsByteForByte_atExactlyHalfTheCost()
      throws Exception {
    Path online = temp.resolve("online");
    Path batch = temp.resolve("batch");
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).apiKey("sk-test").build())) {

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
    }
  }

  private int extract(RunningSimulator simulator, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
                "--output=" + out,
                "--baseUrl=" + simulator.baseUrl(),
                "--cheapMode",
                "--workers=4"));
    args.addAll(List.of(more));
    return new ExtractCommand(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> "sk-test")
        .run(args.toArray(String[]::new));
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
