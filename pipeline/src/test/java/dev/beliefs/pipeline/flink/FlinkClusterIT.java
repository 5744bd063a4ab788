package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.ExtractCommand;
import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Flink session cluster, a JobManager and a TaskManager JVM started by {@code
 * cluster.sh} ({@link FlinkSessionCluster}), submitted as a user submits it: {@code java -jar
 * belief-pipeline.jar extract --runner=FlinkRunner --flinkMaster=...} in a child JVM. The
 * TaskManager calls a simulator that demands a dummy API key which only the cluster's and the
 * submitter's environments hold, and the results are compared with the DirectRunner's on the same
 * sample.
 *
 * <p>One run of the sample, made before the tests, serves the first four; the last kills the
 * TaskManager of a second, slower run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

  private static final String API_KEY =
      "sk-test-flink-it-" + UUID.randomUUID().toString().replace("-", "");
  private static final List<String> DESIGN_STEPS =
      List.of(
          "MatchTranscripts",
          "ParseTranscript",
          "ExplodeChunks",
          "ExtractBeliefs",
          "MergeBeliefs",
          "SumCosts",
          "WriteBeliefs",
          "WriteFailures");
  private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");
  private static final Duration SUBMISSION = Duration.ofMinutes(3);
  private static final Duration JOB = Duration.ofMinutes(8);

  @TempDir static Path temp;

  private static FlinkSessionCluster cluster;
  private static RunningSimulator simulator;
  private static Path directOutput;
  private static ClusterRun run;

  /** A job run on the cluster: its id, final state, outputs, the submitter's end and the bill. */
  record ClusterRun(
      String jobId, String state, Path output, ChildJvm.Result submitter, StatsSnapshot bill) {

    String describe() {
      return "job " + jobId + " " + state + "; submitter " + submitter.describe();
    }
  }

  /** Something to do once the job is on the cluster, before waiting for its end. */
  @FunctionalInterface
  private interface WhileRunning {
    void accept(String jobId) throws Exception;
  }

  @BeforeAll
  static void runTheSampleOnTheDirectRunnerAndOnTheCluster() throws Exception {
    directOutput = temp.resolve("direct");
    try (RunningSimulator direct = simulator(0.001)) {
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      int exit =
          new ExtractCommand(
                  new PrintStream(PrintStream.nullOutputStream()),
                  new PrintStream(stderr, true, StandardCharsets.UTF_8),
                  () -> API_KEY)
              .run(extractOptions(direct, directOutput).toArray(String[]::new));
      assertEquals(ExitCode.OK, exit, stderr.toString(StandardCharsets.UTF_8));
    }
    cluster = FlinkSessionCluster.start(Map.of("OPENAI_API_KEY", API_KEY));
    simulator = simulator(0.01);
    run = submit("flink-it-sample", simulator, temp.resolve("flink"), jobId -> {});
  }

  @AfterAll
  static void stopTheClusterAndSimulator() {
    if (simulator != null) {
      simulator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void onTheCluster_theSampleGivesTheDirectRunnersBeliefsAndEvidence() throws Exception {
    assertEquals("FINISHED", run.state(), run.describe());
    assertEquals(ExitCode.OK, run.submitter().exit(), run.describe());

    assertSameBeliefs(directOutput, run.output());
    JsonNode summary = summary(run.output());
    assertEquals("FlinkRunner", summary.get("runner").asText());
    assertEquals(run.bill().requests(), summary.get("requests").asLong());
    assertEquals(summary.get("chunks").asLong(), summary.get("requests").asLong());
    assertEquals(summary(directOutput).get("chunks"), summary.get("chunks"));
  }

  @Test
  @Order(2)
  void theApiKeyReachesEveryCall_butNotTheJobsConfigPlanOrTheClustersLogs() throws Exception {
    // The simulator answers 401 to a request without the key: all 200 means every call had it.
    assertTrue(run.bill().requests() > 0);
    assertEquals(run.bill().requests(), run.bill().withStatus(200), run.bill().toString());

    String job = "/jobs/" + run.jobId();
    Map<String, String> shown = new LinkedHashMap<>();
    for (String path :
        List.of(
            job + "/config",
            job + "/plan",
            job,
            job + "/accumulators",
            job + "/exceptions",
            "/jobmanager/config",
            "/jobmanager/environment",
            "/taskmanagers")) {
      shown.put("GET " + path, cluster.getText(path));
    }
    for (JsonNode taskManager : cluster.get("/taskmanagers").path("taskmanagers")) {
      String path = "/taskmanagers/" + taskManager.path("id").asText();
      shown.put("GET " + path, cluster.getText(path));
    }
    shown.put("the cluster's logs in " + cluster.logDirectory(), cluster.logs());
    shown.put("the job's outputs", filesUnder(run.output()));
    shown.put("the submitter's output", run.submitter().stdout() + run.submitter().stderr());

    // These are the texts that would show a leak: the options and this job's log lines are there.
    assertTrue(shown.get("GET " + job + "/config").contains(simulator.baseUrl()));
    assertTrue(shown.get("GET " + job + "/plan").contains("ExtractBeliefs"));
    assertTrue(shown.get("the cluster's logs in " + cluster.logDirectory()).contains(run.jobId()));
    shown.forEach(
        (where, text) -> assertFalse(text.contains(API_KEY), "the API key appears in " + where));
  }

  @Test
  @Order(3)
  void theJobGraphNamesTheStepsOfTheDesign() throws Exception {
    List<String> vertices = new ArrayList<>();
    for (JsonNode node : cluster.get("/jobs/" + run.jobId() + "/plan").path("plan").path("nodes")) {
      vertices.add(node.path("description").asText());
    }

    for (String step : DESIGN_STEPS) {
      assertTrue(
          vertices.stream().anyMatch(name -> name.contains(step + "/")),
          step + " in none of the vertex names " + vertices);
    }
  }

  @Test
  @Order(4)
  void beamMetricsShowUnderTheJob_asTheSimulatorCountedThem() throws Exception {
    BeamMetricsInFlink metrics =
        BeamMetricsInFlink.of(cluster.get("/jobs/" + run.jobId() + "/accumulators"));
    StatsSnapshot bill = run.bill();
    Class<?> extract = ExtractBeliefs.class;

    assertEquals(bill.requests(), metrics.counter(extract, "requests"), metrics.toString());
    assertEquals(bill.promptTokensBilled(), metrics.counter(extract, "prompt_tokens"));
    assertEquals(bill.completionTokensBilled(), metrics.counter(extract, "completion_tokens"));
    assertEquals(0L, metrics.counter(extract, "retries"));
    assertTrue(metrics.counter(extract, "cost_micro_usd") > 0, metrics.toString());
    BeamMetricsInFlink.Distribution latency = metrics.distribution(extract, "latency_ms");
    assertNotNull(latency, metrics.toString());
    assertEquals(summary(run.output()).get("chunks").asLong(), latency.count());
  }

  /**
   * What {@code flink run -c dev.beliefs.pipeline.Main belief-pipeline.jar extract ...} does on a
   * Flink 1.19 distribution, short of its shell script: Flink's CLI entry point ({@code
   * CliFrontend}) on the cluster's own Flink jars, with the cluster's configuration as {@code
   * FLINK_CONF_DIR}. Beam's default master, {@code [auto]}, submits through the CLI's context and
   * the CLI's {@code -p} sets the parallelism.
   */
  @Test
  @Order(5)
  void theFlinkCliRunsTheShadedJar_withItsOwnParallelism_andTheSameBeliefs() throws Exception {
    Path output = temp.resolve("flink-run");
    Path clientLog = temp.resolve("flink-run-client.log");
    ClusterRun flinkRun =
        submit(
            "flink-it-flink-run",
            simulator,
            output,
            jobId -> {},
            args -> {
              List<String> java =
                  new ArrayList<>(
                      List.of(
                          "--add-opens=java.base/java.lang=ALL-UNNAMED",
                          "--add-opens=java.base/java.util=ALL-UNNAMED",
                          "-Dlog.file=" + clientLog,
                          "-Dlog4j.configurationFile="
                              + cluster.confDirectory().resolve("log4j.properties").toUri(),
                          "-cp",
                          cluster.classpath(),
                          "org.apache.flink.client.cli.CliFrontend",
                          "run",
                          "-p",
                          "1",
                          "-c",
                          "dev.beliefs.pipeline.Main",
                          TestFiles.shadedJar().toString(),
                          "extract"));
              java.addAll(args);
              return ChildJvm.start(
                  temp.resolve("flink-run"),
                  Map.of(
                      "FLINK_CONF_DIR",
                      cluster.confDirectory().toString(),
                      "OPENAI_API_KEY",
                      API_KEY),
                  java);
            });

    assertEquals("FINISHED", flinkRun.state(), flinkRun.describe());
    assertEquals(ExitCode.OK, flinkRun.submitter().exit(), flinkRun.describe());
    JsonNode config = cluster.get("/jobs/" + flinkRun.jobId() + "/config");
    assertEquals(
        1, config.path("execution-config").path("job-parallelism").asInt(), config.toString());
    assertSameBeliefs(directOutput, output);
  }

  @Test
  @Order(6)
  void aTaskManagerKilledMidJob_isReplaced_andTheJobFinishesWithTheSameBeliefs() throws Exception {
    long chunks = summary(directOutput).get("chunks").asLong();
    Path output = temp.resolve("flink-killed");
    AtomicReference<StatsSnapshot> atKill = new AtomicReference<>();
    ClusterRun killed;
    // At 0.2 x the calibrated latency the calls take about 30 s: time to kill in the middle.
    try (RunningSimulator slow = simulator(0.2)) {
      killed =
          submit(
              "flink-it-taskmanager-killed",
              slow,
              output,
              jobId -> {
                awaitUntil(() -> slow.stats().withStatus(200) >= chunks / 5, "chunks answered");
                atKill.set(slow.stats());
                assertEquals("RUNNING", state(jobId));
                cluster.killTaskManager();
                cluster.startTaskManager();
              });
    }

    assertEquals("FINISHED", killed.state(), killed.describe());
    assertEquals(ExitCode.OK, killed.submitter().exit(), killed.describe());
    assertTrue(atKill.get().withStatus(200) < chunks, "killed after the last answer: " + atKill);
    JsonNode exceptions = cluster.get("/jobs/" + killed.jobId() + "/exceptions");
    assertFalse(
        exceptions.path("exceptionHistory").path("entries").isEmpty(),
        "no failure recorded, so no restart: " + exceptions);
    assertSameBeliefs(directOutput, output);
    // Answers the killed attempt got are in the cache, marked as paid by this run for their chunk:
    // the restarted attempt counts them as this run's requests and cost, not as cache hits.
    JsonNode summary = summary(output);
    assertEquals(chunks, summary.get("requests").asLong(), summary.toString());
    assertEquals(0, summary.get("cache_hits").asLong(), summary.toString());
    long repeated = killed.bill().requests() - chunks;
    System.out.printf(
        "TaskManager killed with %d of %d chunks answered and %d in flight; the restarted job"
            + " requested %d chunks again (%d requests in all)%n",
        atKill.get().withStatus(200),
        chunks,
        atKill.get().inFlight(),
        repeated,
        killed.bill().requests());
    assertTrue(
        repeated <= atKill.get().requests(),
        "only chunks requested before the kill may be requested again: " + repeated);
  }

  private static RunningSimulator simulator(double timeScale) throws IOException {
    return Simulator.start(SimulatorConfig.builder().timeScale(timeScale).apiKey(API_KEY).build());
  }

  private static List<String> extractOptions(RunningSimulator simulator, Path output) {
    return List.of(
        "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
        "--output=" + output,
        "--baseUrl=" + simulator.baseUrl(),
        "--cheapMode",
        "--workers=4");
  }

  /**
   * Submits the sample from a child JVM, finds the job through the REST API, does {@code
   * whileRunning}, and waits through the REST API for the job's end and then for the child's.
   */
  private static ClusterRun submit(
      String jobName, RunningSimulator simulator, Path output, WhileRunning whileRunning)
      throws Exception {
    return submit(
        jobName,
        simulator,
        output,
        whileRunning,
        args -> {
          List<String> all = new ArrayList<>(List.of("extract"));
          all.addAll(args);
          all.add("--flinkMaster=" + cluster.master());
          return ChildJvm.startJar(
              temp.resolve("submitter"),
              Map.of("OPENAI_API_KEY", API_KEY),
              all.toArray(String[]::new));
        });
  }

  /** Starts the submitting JVM from {@code extract}'s options. */
  @FunctionalInterface
  private interface Submitter {
    ChildJvm start(List<String> extractOptions) throws IOException;
  }

  private static ClusterRun submit(
      String jobName,
      RunningSimulator simulator,
      Path output,
      WhileRunning whileRunning,
      Submitter submitterStart)
      throws Exception {
    String uniqueName = jobName + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> args = new ArrayList<>(extractOptions(simulator, output));
    args.add("--runner=FlinkRunner");
    args.add("--jobName=" + uniqueName);
    ChildJvm submitter = submitterStart.start(args);
    try {
      String jobId = awaitJob(uniqueName, submitter);
      whileRunning.accept(jobId);
      String state = awaitEnd(jobId, submitter);
      return new ClusterRun(
          jobId, state, output, submitter.await(Duration.ofMinutes(2)), simulator.stats());
    } finally {
      submitter.destroy();
    }
  }

  /** The id of the job named {@code name} once {@code GET /jobs/overview} lists it. */
  private static String awaitJob(String name, ChildJvm submitter) throws Exception {
    Instant deadline = Instant.now().plus(SUBMISSION);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode job : cluster.get("/jobs/overview").path("jobs")) {
        if (job.path("name").asText().equals(name)) {
          return job.path("jid").asText();
        }
      }
      if (!submitter.isAlive()) {
        throw new AssertionError(
            "the submitter ended before the job appeared\n" + submitter.output());
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no job " + name + " after " + SUBMISSION + "\n" + submitter.output());
  }

  /** The job's state once it is FINISHED, FAILED or CANCELED. */
  private static String awaitEnd(String jobId, ChildJvm submitter) throws Exception {
    Instant deadline = Instant.now().plus(JOB);
    while (Instant.now().isBefore(deadline)) {
      String state = state(jobId);
      if (TERMINAL.contains(state)) {
        return state;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "job " + jobId + " still " + state(jobId) + " after " + JOB + "\n" + submitter.output());
  }

  private static String state(String jobId) throws Exception {
    return cluster.get("/jobs/" + jobId).path("state").asText();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitUntil(Condition condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(JOB);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + JOB + " for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Same belief files with the same lines: ids, statements, evidence, everything. */
  private static void assertSameBeliefs(Path expectedOutput, Path actualOutput) throws IOException {
    List<String> expectedFiles = fileNames(expectedOutput.resolve("beliefs"));
    assertFalse(expectedFiles.isEmpty());
    assertEquals(expectedFiles, fileNames(actualOutput.resolve("beliefs")));
    for (String file : expectedFiles) {
      List<JsonNode> expected =
          TestFiles.jsonLines(expectedOutput.resolve("beliefs").resolve(file));
      List<JsonNode> actual = TestFiles.jsonLines(actualOutput.resolve("beliefs").resolve(file));
      assertEquals(idsAndEvidence(expected), idsAndEvidence(actual), file);
      assertEquals(expected, actual, file);
    }
    assertEquals("", Files.readString(actualOutput.resolve("failures/failures.jsonl")));
  }

  private static List<String> idsAndEvidence(List<JsonNode> beliefs) {
    return beliefs.stream()
        .map(b -> b.path("belief_id").asText() + " " + b.path("evidence"))
        .toList();
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode summary(Path output) throws IOException {
    return Json.MAPPER.readTree(output.resolve("run-summary.json").toFile());
  }

  private static String filesUnder(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
