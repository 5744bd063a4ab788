package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Flink session cluster, a JobManager and two TaskManager JVMs started by {@code
 * cluster.sh} ({@link FlinkSessionCluster}), submitted as a user submits it: {@code java -jar
 * belief-pipeline.jar extract --runner=FlinkRunner --flinkMaster=...} in a child JVM ({@link
 * ClusterJobs}). The TaskManagers call a simulator that demands a dummy API key which only the
 * cluster's and the submitter's environments hold, and the results are compared with the
 * DirectRunner's on the same sample.
 *
 * <p>One run of the sample, made before the tests, serves the first four.
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

  private static final Pattern PROGRESS_LINE =
      Pattern.compile("(?m)^chunks (\\d+)/(\\d+)  \\((\\d+) failed\\)");

  @TempDir static Path temp;

  private static FlinkSessionCluster cluster;
  private static ClusterJobs jobs;
  private static RunningSimulator simulator;
  private static Path directOutput;
  private static ClusterJobs.Run run;

  @BeforeAll
  static void runTheSampleOnTheDirectRunnerAndOnTheCluster() throws Exception {
    directOutput = temp.resolve("direct");
    try (RunningSimulator direct = simulator(0.001)) {
      ClusterJobs.extractInProcess(
          extractOptions(direct, directOutput), () -> API_KEY, ExitCode.OK);
    }
    jobs = ClusterJobs.onTwoTaskManagers(temp, API_KEY);
    cluster = jobs.cluster();
    simulator = simulator(0.01);
    run =
        jobs.submit(
            "flink-it-sample",
            extractOptions(simulator, temp.resolve("flink")),
            simulator,
            jobId -> {});
  }

  @AfterAll
  static void stopTheClusterAndSimulator() {
    if (simulator != null) {
      simulator.close();
    }
    if (jobs != null) {
      jobs.close();
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
    ClusterJobs.Run flinkRun =
        jobs.submit(
            "flink-it-flink-run",
            extractOptions(simulator, output),
            simulator,
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

  /**
   * The submitting command shows the job's progress, read from the cluster's REST API, as plain
   * lines on its stderr (not a terminal). The gate between the job and the simulator holds the
   * answers twice mid-run; each time, once every request is either answered or held (so the chunks
   * done cannot move), the test waits for a progress line that shows them. The lines so shown are
   * two counts between none and all, before the job's end, whatever the machine's speed.
   */
  @Test
  @Order(6)
  void theSubmittingCommandShowsTheChunksDone_readFromTheRestApi_whileTheJobRuns()
      throws Exception {
    AtomicReference<ChildJvm> submitter = new AtomicReference<>();
    List<Long> shownWhileHeld = new ArrayList<>();
    ClusterJobs.Run progressRun;
    try (RecordingGate gate = RecordingGate.inFrontOf(simulator.baseUrl())) {
      gate.hold();
      progressRun =
          jobs.submit(
              "flink-it-progress",
              ClusterJobs.sampleOptions(gate.baseUrl(), temp.resolve("progress")),
              simulator,
              jobId -> {
                for (int more : List.of(4, 8)) {
                  long answered = answerMoreThenHold(gate, more);
                  ClusterJobs.awaitUntil(
                      () -> shownCounts(submitter.get().stderrSoFar()).contains(answered),
                      "a progress line showing " + answered + " chunks done");
                  shownWhileHeld.add(answered);
                }
                gate.open();
              },
              args -> {
                submitter.set(jobs.startSubmitter(args, Map.of("BELIEFS_STDERR_TERMINAL", "0")));
                return submitter.get();
              });
    }

    assertEquals("FINISHED", progressRun.state(), progressRun.describe());
    assertEquals(ExitCode.OK, progressRun.submitter().exit(), progressRun.describe());
    long chunks = summary(progressRun.output()).get("chunks").asLong();
    String stderr = progressRun.submitter().stderr();
    List<Long> shown = shownCounts(stderr);
    assertEquals(shown.stream().sorted().toList(), shown, "counts never go back:\n" + stderr);
    List<Long> midRun = shown.stream().filter(n -> n > 0 && n < chunks).distinct().toList();
    assertTrue(midRun.size() >= 2, "two counts between 0 and " + chunks + ":\n" + stderr);
    assertTrue(midRun.containsAll(shownWhileHeld), shownWhileHeld + " in " + stderr);
    // The total is the chunks that have reached extraction so far: it grows up to all of them,
    // which a plain line (one every 10 s) shows only if one falls after the last chunk arrived.
    List<Long> totals = shownTotals(stderr);
    assertEquals(totals.stream().sorted().toList(), totals, "totals never go back:\n" + stderr);
    assertTrue(totals.stream().allMatch(total -> total <= chunks), totals + " of " + chunks);
  }

  private static List<Long> shownTotals(String stderr) {
    List<Long> totals = new ArrayList<>();
    Matcher line = PROGRESS_LINE.matcher(stderr);
    while (line.find()) {
      totals.add(Long.parseLong(line.group(2)));
    }
    return totals;
  }

  /**
   * Lets at least {@code more} answers through, then holds the rest until nothing is in flight
   * between the gate and the simulator; returns how many answers the job has got.
   */
  private static long answerMoreThenHold(RecordingGate gate, int more) throws Exception {
    long before = delivered(gate.log());
    gate.open();
    gate.await(log -> delivered(log) >= before + more, more + " more answers", ClusterJobs.JOB);
    gate.hold();
    gate.await(
        log -> log.stream().allMatch(asked -> asked.delivered() || asked.held()),
        "every request answered or held",
        ClusterJobs.JOB);
    return delivered(gate.log());
  }

  private static long delivered(List<RecordingGate.Asked> log) {
    return log.stream().filter(RecordingGate.Asked::delivered).count();
  }

  /** The chunks done on each plain progress line, in order. */
  private static List<Long> shownCounts(String stderr) {
    List<Long> counts = new ArrayList<>();
    Matcher line = PROGRESS_LINE.matcher(stderr);
    while (line.find()) {
      counts.add(Long.parseLong(line.group(1)));
    }
    return counts;
  }

  private static RunningSimulator simulator(double timeScale) throws IOException {
    return Simulator.start(SimulatorConfig.builder().timeScale(timeScale).apiKey(API_KEY).build());
  }

  private static List<String> extractOptions(RunningSimulator simulator, Path output) {
    return ClusterJobs.sampleOptions(simulator.baseUrl(), output);
  }

  private static JsonNode summary(Path output) throws IOException {
    return ClusterJobs.summary(output);
  }

  private static void assertSameBeliefs(Path expected, Path actual) throws IOException {
    ClusterJobs.assertSameBeliefs(expected, actual);
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
