package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.ExtractCommand;
import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Jobs submitted to a {@link FlinkSessionCluster} as a user submits them, {@code java -jar
 * belief-pipeline.jar extract --runner=FlinkRunner --flinkMaster=...} in a child JVM, followed
 * through the cluster's REST API; and the checks the cluster tests share.
 */
final class ClusterJobs implements AutoCloseable {

  static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");

  /**
   * A guard against a hang only: the wait ends as soon as the submitter exits. Under a load average
   * of 65 on 2 cores, starting the submitter and uploading the 166 MB jar took over 3 minutes.
   */
  static final Duration SUBMISSION = Duration.ofMinutes(10);

  static final Duration JOB = Duration.ofMinutes(8);

  private final FlinkSessionCluster cluster;
  private final Path scratch;
  private final String apiKey;

  private ClusterJobs(FlinkSessionCluster cluster, Path scratch, String apiKey) {
    this.cluster = cluster;
    this.scratch = scratch;
    this.apiKey = apiKey;
  }

  /**
   * A session cluster of a JobManager and two TaskManagers, whose environment holds {@code apiKey},
   * to submit jobs to.
   */
  static ClusterJobs onTwoTaskManagers(Path scratch, String apiKey)
      throws IOException, InterruptedException {
    return new ClusterJobs(
        FlinkSessionCluster.start(Map.of("OPENAI_API_KEY", apiKey), 2), scratch, apiKey);
  }

  FlinkSessionCluster cluster() {
    return cluster;
  }

  /** Stops the cluster. */
  @Override
  public void close() {
    cluster.close();
  }

  /** A job run on the cluster: its id, final state, outputs, the submitter's end and the bill. */
  record Run(
      String jobId, String state, Path output, ChildJvm.Result submitter, StatsSnapshot bill) {

    String describe() {
      return "job " + jobId + " " + state + "; submitter " + submitter.describe();
    }
  }

  /** Something to do once the job is on the cluster, before waiting for its end. */
  @FunctionalInterface
  interface WhileRunning {
    void accept(String jobId) throws Exception;
  }

  /** Starts the submitting JVM from {@code extract}'s options. */
  @FunctionalInterface
  interface Submitter {
    ChildJvm start(List<String> extractOptions) throws IOException;
  }

  /**
   * {@code extract} with {@code options} in this JVM, as {@code ./beliefs} runs it; fails with its
   * error output unless it exits with {@code expectedExit}.
   *
   * @param apiKeys where the job finds the key: on a cluster, what travels to the TaskManagers
   */
  static void extractInProcess(List<String> options, ApiKeySource apiKeys, int expectedExit) {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit =
        new ExtractCommand(
                new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                apiKeys)
            .run(options.toArray(String[]::new));
    assertEquals(expectedExit, exit, stderr.toString(StandardCharsets.UTF_8));
  }

  /**
   * {@code extract}'s options for the bundled sample, cheap mode, 4 workers, at {@code baseUrl}.
   */
  static List<String> sampleOptions(String baseUrl, Path output) {
    return List.of(
        "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
        "--output=" + output,
        "--baseUrl=" + baseUrl,
        "--cheapMode",
        "--workers=4");
  }

  /**
   * Submits {@code options} from a child JVM, finds the job through the REST API, does {@code
   * whileRunning}, and waits through the REST API for the job's end and then for the child's.
   */
  Run submit(
      String jobName, List<String> options, RunningSimulator simulator, WhileRunning whileRunning)
      throws Exception {
    return submit(
        jobName, options, simulator, whileRunning, args -> startSubmitter(args, Map.of()));
  }

  /**
   * {@code java -jar belief-pipeline.jar extract args... --flinkMaster=...} with the API key and
   * {@code environment} in its environment.
   */
  ChildJvm startSubmitter(List<String> args, Map<String, String> environment) throws IOException {
    List<String> all = new ArrayList<>(List.of("extract"));
    all.addAll(args);
    all.add("--flinkMaster=" + cluster.master());
    Map<String, String> env = new HashMap<>(environment);
    env.put("OPENAI_API_KEY", apiKey);
    return ChildJvm.startJar(scratch.resolve("submitter"), env, all.toArray(String[]::new));
  }

  Run submit(
      String jobName,
      List<String> options,
      RunningSimulator simulator,
      WhileRunning whileRunning,
      Submitter submitterStart)
      throws Exception {
    String uniqueName = jobName + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> args = new ArrayList<>(options);
    args.add("--runner=FlinkRunner");
    args.add("--jobName=" + uniqueName);
    ChildJvm submitter = submitterStart.start(args);
    try {
      String jobId = awaitJob(uniqueName, submitter);
      whileRunning.accept(jobId);
      String state = awaitEnd(jobId, submitter);
      Path output =
          Path.of(
              options.stream()
                  .filter(o -> o.startsWith("--output="))
                  .findFirst()
                  .orElseThrow()
                  .substring("--output=".length()));
      return new Run(
          jobId, state, output, submitter.await(Duration.ofMinutes(2)), simulator.stats());
    } finally {
      submitter.destroy();
    }
  }

  /** The id of the job named {@code name} once {@code GET /jobs/overview} lists it. */
  private String awaitJob(String name, ChildJvm submitter) throws Exception {
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
  String awaitEnd(String jobId, ChildJvm submitter) throws Exception {
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

  String state(String jobId) throws Exception {
    return cluster.get("/jobs/" + jobId).path("state").asText();
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} until it holds; fails after {@link #JOB}. */
  static void awaitUntil(Condition condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(JOB);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + JOB + " for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Same belief files with the same lines: ids, statements, evidence, everything. */
  static void assertSameBeliefs(Path expectedOutput, Path actualOutput) throws IOException {
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

  static JsonNode summary(Path output) throws IOException {
    return Json.MAPPER.readTree(output.resolve("run-summary.json").toFile());
  }
}
