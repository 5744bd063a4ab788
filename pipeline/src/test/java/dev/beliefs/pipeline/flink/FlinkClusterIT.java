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
