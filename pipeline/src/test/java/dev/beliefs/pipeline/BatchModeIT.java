package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --batch} where a unit test cannot take it: killed with {@code kill -9} once its
 * batch is created and run again with the same command, the second run awaits the batch the first
 * one submitted, so the simulator creates one batch and bills each request once, and the beliefs
 * are those of an online run (the killed job runs as its own JVM from the shaded jar; the
 * simulator, in this JVM, takes about ten seconds per batch); and on Flink's embedded cluster,
 * whose grouped results can be iterated only once.
 */
class BatchModeIT {

  private static final String NASA = "nasa-hwhap-ep218";
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path temp;

  @Test
  void killedOnceItsBatchIsCreated_theSameCommandAwaitsThatBatch_andPaysOnce() throws Exception {
    Path online = temp.resolve("online");
    try (RunningSimulator fast =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).build())) {
      assertEquals(ExitCode.OK, extractInProcess(arguments(fast, online, false)));
    }
    Path out = temp.resolve("out");
    // A batch of the sample's 43 requests takes 0.1 x (60 s + 43 x 1 s) = 10.3 s.
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.1).build())) {
      List<String> arguments = arguments(simulator, out, true);

      Process killed = start(arguments);
      awaitBatchCreated(simulator, killed);
      killed.destroyForcibly(); // SIGKILL, as kill -9
      assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
      List<Path> recorded = jsonFiles(out.resolve("batches"));
      assertEquals(1, recorded.size(), "the killed run's record");
      assertTrue(Files.notExists(out.resolve("run-summary.json")), "killed before it could finish");

      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int exit = extractInProcess(arguments, log);

      assertEquals(ExitCode.OK, exit, log.toString(StandardCharsets.UTF_8));
      StatsSnapshot stats = simulator.stats();
      JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
      long chunks = summary.get("chunks").asLong();
      assertEquals(1, stats.batchesCreated(), "the rerun created no batch");
      assertEquals(1, stats.filesUploaded(), "nor uploaded anything");
      assertEquals(chunks, stats.batchRequests(), "each request answered once");
      assertEquals(chunks, summary.get("requests").asLong());
      BigDecimal billed =
          PricingTable.bundled()
              .batchPriceOf("gpt-4o-mini")
              .orElseThrow()
              .cost(
                  new Usage(
                      stats.batchPromptTokensBilled(), 0, stats.batchCompletionTokensBilled()));
      assertEquals(0, billed.compareTo(summary.get("cost_usd").decimalValue()), "billed once");
      assertArrayEquals(
          Files.readAllBytes(online.resolve("beliefs/" + NASA + ".jsonl")),
          Files.readAllBytes(out.resolve("beliefs/" + NASA + ".jsonl")));
      assertEquals(List.of(), jsonFiles(out.resolve("batches")));
      assertEquals(
          List.of(recorded.get(0).getFileName()),
          jsonFiles(out.resolve("batches/collected")).stream().map(Path::getFileName).toList());
      assertEquals(
          1, Files.readAllLines(out.resolve("runs.jsonl")).size(), "the killed run's none");
      System.out.printf(
          "batch resume: killed after batch creation, rerun awaited it: %d batch, %d requests"
              + " answered, $%s%n",
          stats.batchesCreated(), stats.batchRequests(), summary.get("cost_usd").asText());
    }
  }

  @Test
  void onFlink_theBatchFindsTheOnlineBeliefs_atTheBatchPrice() throws Exception {
    Path online = temp.resolve("online");
    Path flink = temp.resolve("flink");
    try (RunningSimulator simulator =
        // Batch prompts are not cached: compare with uncached online prompts, token for token.
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).promptCache(false).build())) {
      assertEquals(ExitCode.OK, extractInProcess(arguments(simulator, online, false)));
      List<String> arguments = arguments(simulator, flink, true);
      arguments.add("--runner=FlinkRunner");
      arguments.add("--flinkMaster=[local]");
      arguments.add("--workers=2");
      ByteArrayOutputStream log = new ByteArrayOutputStream();

      int exit = extractInProcess(arguments, log);

      assertEquals(ExitCode.OK, exit, log.toString(StandardCharsets.UTF_8));
      JsonNode summary = Json.MAPPER.readTree(flink.resolve("run-summary.json").toFile());
      JsonNode onlineSummary = Json.MAPPER.readTree(online.resolve("run-summary.json").toFile());
      assertEquals("FlinkRunner", summary.get("runner").asText());
      assertEquals(1, simulator.stats().batchesCreated());
      assertEquals(
          0,
          onlineSummary
              .get("cost_usd")
              .decimalValue()
              .compareTo(summary.get("cost_usd").decimalValue().multiply(BigDecimal.valueOf(2))));
      assertArrayEquals(
          Files.readAllBytes(online.resolve("beliefs/" + NASA + ".jsonl")),
          Files.readAllBytes(flink.resolve("beliefs/" + NASA + ".jsonl")));
    }
  }

  private static List<String> arguments(RunningSimulator simulator, Path out, boolean batch) {
    List<String> args = new ArrayList<>();
    args.add("--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt");
    args.add("--output=" + out);
    args.add("--baseUrl=" + simulator.baseUrl());
    args.add("--cheapMode");
    if (batch) {
      args.add("--batch");
    }
    return args;
  }

  private static int extractInProcess(List<String> arguments) {
    return extractInProcess(arguments, new ByteArrayOutputStream());
  }

  private static int extractInProcess(List<String> arguments, ByteArrayOutputStream log) {
    PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new ExtractCommand(stream, stream, () -> "sk-test-dummy")
        .run(arguments.toArray(String[]::new));
  }

  private Process start(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(TestFiles.shadedJar().toString());
    command.add("extract");
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("killed.log").toFile());
    builder.environment().put("OPENAI_API_KEY", "sk-test-dummy");
    return builder.start();
  }

  private void awaitBatchCreated(RunningSimulator simulator, Process job)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (simulator.stats().batchesCreated() == 0) {
      assertTrue(job.isAlive(), "the job ended before it was killed:\n" + log());
      assertTrue(Instant.now().isBefore(deadline), "no batch created:\n" + log());
      Thread.sleep(50);
    }
  }

  private String log() {
    try {
      return Files.readString(temp.resolve("killed.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }
}
