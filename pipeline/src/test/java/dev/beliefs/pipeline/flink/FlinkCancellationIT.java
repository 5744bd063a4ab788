package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work that a session cluster of two TaskManagers cancels stops: a job cancelled through the REST
 * API asks nothing more, ten jobs in a row leave no thread behind, and after a TaskManager is
 * killed only the requests in flight at the kill are asked again. What was asked is read from a
 * {@link RecordingGate} between the job and the simulator, not from the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkCancellationIT {

  private static final String API_KEY =
      "sk-test-flink-it-" + UUID.randomUUID().toString().replace("-", "");
  private static final int WORKERS = 4;

  /** The threads the extraction step starts: its schedulers' and its HTTP clients' evictors. */
  private static final List<String> OUR_THREADS = List.of("extract-", "Connection evictor");

  @TempDir static Path temp;

  private static FlinkSessionCluster cluster;
  private static ClusterJobs jobs;
  private static Path directOutput;

  @BeforeAll
  static void runTheSampleOnTheDirectRunner_thenStartTwoTaskManagers() throws Exception {
    directOutput = temp.resolve("direct");
    try (RunningSimulator direct = simulator(0.001)) {
      ClusterJobs.extractInProcess(
          ClusterJobs.sampleOptions(direct.baseUrl(), directOutput), () -> API_KEY, ExitCode.OK);
    }
    jobs = ClusterJobs.onTwoTaskManagers(temp, API_KEY);
    cluster = jobs.cluster();
  }

  @AfterAll
  static void stopTheCluster() {
    if (jobs != null) {
      jobs.close();
    }
  }

  @Test
  @Order(1)
  void aJobCancelledThroughTheRestApi_asksNothingMore_andItsThreadsEnd() throws Exception {
    AtomicReference<Instant> cancelled = new AtomicReference<>();
    AtomicReference<Integer> askedWhenCanceled = new AtomicReference<>();
    ClusterJobs.Run run;
    try (RunningSimulator simulator = simulator(0.2);
        RecordingGate gate = RecordingGate.inFrontOf(simulator.baseUrl())) {
      run =
          jobs.submit(
              "flink-it-cancel",
              ClusterJobs.sampleOptions(gate.baseUrl(), temp.resolve("cancelled")),
              simulator,
              jobId -> {
                gate.await(log -> log.size() >= 8, "8 requests", ClusterJobs.JOB);
                cancelled.set(Instant.now());
                cluster.cancel(jobId);
                ClusterJobs.awaitUntil(
                    () -> jobs.state(jobId).equals("CANCELED"), "the job CANCELED");
                askedWhenCanceled.set(gate.log().size());
                // The window the promise speaks of: nothing more in the next few seconds.
                Thread.sleep(5_000);
              });
      List<RecordingGate.Asked> log = gate.log();
      Instant last = log.get(log.size() - 1).received();
      System.out.printf(
          "Cancelled after %d requests; the last came %d ms after the cancel; %d of 43 chunks"
              + " asked%n",
          askedWhenCanceled.get(),
          Duration.between(cancelled.get(), last).toMillis(),
          gate.timesAsked().size());
      assertEquals(
          askedWhenCanceled.get(), log.size(), "requests after the job was CANCELED: " + log);
      assertTrue(gate.timesAsked().size() < 43, "the job asked every chunk before the cancel");
    }
    assertEquals("CANCELED", run.state(), run.describe());
    awaitNoThreadsOfOurs();
  }

  /**
   * Ten jobs in a row: each one's schedulers and HTTP clients end with it, so that a long-lived
   * session cluster does not collect threads.
   */
  @Test
  @Order(2)
  void tenJobsInARow_leaveEachTaskManagersThreadCountAtItsBaseline() throws Exception {
    List<String> taskManagers = cluster.taskManagerIds();
    Map<String, Integer> baseline = new LinkedHashMap<>();
    List<Map<String, Integer>> afterEach = new ArrayList<>();
    try (RunningSimulator simulator = simulator(0)) {
      for (int job = 1; job <= 10; job++) {
        Path output = temp.resolve("in-a-row-" + job);
        List<String> options =
            new ArrayList<>(ClusterJobs.sampleOptions(simulator.baseUrl(), output));
        options.addAll(
            List.of(
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.master(),
                "--filesToStage=" + TestFiles.shadedJar(),
                "--jobName=flink-it-in-a-row-" + job + "-" + UUID.randomUUID()));
        // What travels to the TaskManagers: they read the key from their environment.
        ClusterJobs.extractInProcess(options, ApiKeySource.environment(), ExitCode.OK);
        assertEquals(taskManagers, cluster.taskManagerIds(), "a TaskManager died in job " + job);
        awaitNoThreadsOfOurs();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String taskManager : taskManagers) {
          counts.put(taskManager, steadyThreads(taskManager).size());
        }
        afterEach.add(counts);
        if (job == 1 || job == 10) {
          for (String taskManager : taskManagers) {
            System.out.printf(
                "After job %d, TaskManager %s: %d threads, %d MB of metaspace%n",
                job,
                taskManager,
                cluster.threadNames(taskManager).size(),
                cluster.metric(taskManager, "Status.JVM.Memory.Metaspace.Used") >> 20);
          }
        }
        if (job == 1) {
          baseline.putAll(counts);
        }
      }
    }
    System.out.println("Thread counts after each of 10 jobs (baseline: the first): " + afterEach);
    for (String taskManager : taskManagers) {
      assertTrue(
          afterEach.get(9).get(taskManager) <= baseline.get(taskManager),
          "TaskManager "
              + taskManager
              + " grew from "
              + baseline.get(taskManager)
              + " threads to "
              + afterEach.get(9).get(taskManager)
              + ": "
              + steadyThreads(taskManager));
    }
  }

  /**
   * The gate holds the answers to the requests in flight while a TaskManager is killed, so that the
   * set in flight at the kill is exact; it lets answers through again once the restarted job asks.
   * Answers delivered before the kill are in the response cache; every other chunk was never asked.
   * So the chunks asked twice must be exactly those held at the kill.
   */
  @Test
  @Order(3)
  void aTaskManagerKilledMidJob_theChunksAskedTwiceAreExactlyThoseInFlightAtTheKill()
      throws Exception {
    Path output = temp.resolve("killed");
    AtomicReference<Set<String>> inFlightAtKill = new AtomicReference<>();
    ClusterJobs.Run run;
    Set<String> askedTwice;
    Map<String, Object> described;
    try (RunningSimulator simulator = simulator(0.02);
        RecordingGate gate = RecordingGate.inFrontOf(simulator.baseUrl())) {
      run =
          jobs.submit(
              "flink-it-taskmanager-killed",
              ClusterJobs.sampleOptions(gate.baseUrl(), output),
              simulator,
              jobId -> {
                gate.await(
                    log -> log.stream().filter(RecordingGate.Asked::delivered).count() >= 8,
                    "8 answers delivered",
                    ClusterJobs.JOB);
                gate.hold();
                gate.await(
                    log -> log.stream().filter(RecordingGate.Asked::held).count() == WORKERS,
                    "every worker's request held",
                    ClusterJobs.JOB);
                inFlightAtKill.set(gate.heldChunks());
                int askedBeforeKill = gate.log().size();
                assertEquals("RUNNING", jobs.state(jobId));
                cluster.killTaskManager();
                cluster.startTaskManager();
                gate.await(
                    log -> log.size() > askedBeforeKill,
                    "a request of the restarted job",
                    ClusterJobs.JOB);
                gate.open();
              });
      askedTwice = gate.askedTwice();
      described = gate.describe();
    }

    System.out.printf(
        "TaskManager killed with %d requests in flight %s; asked twice: %s; gate: %s%n",
        inFlightAtKill.get().size(), inFlightAtKill.get(), askedTwice, described);
    assertEquals("FINISHED", run.state(), run.describe());
    assertEquals(ExitCode.OK, run.submitter().exit(), run.describe());
    JsonNode exceptions = cluster.get("/jobs/" + run.jobId() + "/exceptions");
    assertFalse(
        exceptions.path("exceptionHistory").path("entries").isEmpty(),
        "no failure recorded, so no restart: " + exceptions);
    assertEquals(inFlightAtKill.get(), askedTwice);
    ClusterJobs.assertSameBeliefs(directOutput, output);
    JsonNode summary = ClusterJobs.summary(output);
    long chunks = ClusterJobs.summary(directOutput).get("chunks").asLong();
    assertEquals(chunks, summary.get("chunks").asLong(), summary.toString());
    assertEquals(
        inFlightAtKill.get().size(), summary.get("lost_requests").asLong(), summary.toString());
    assertEquals(described.get("requests"), summary.get("requests").asInt(), summary.toString());
    assertEquals(0, summary.get("cache_hits").asLong(), summary.toString());
  }

  /** Polls the TaskManagers' thread dumps until none shows a thread the extraction step started. */
  private static void awaitNoThreadsOfOurs() throws Exception {
    ClusterJobs.awaitUntil(
        () -> {
          for (String taskManager : cluster.taskManagerIds()) {
            if (cluster.threadNames(taskManager).stream().anyMatch(FlinkCancellationIT::ours)) {
              return false;
            }
          }
          return true;
        },
        "the extraction step's threads to end");
  }

  private static boolean ours(String threadName) {
    return OUR_THREADS.stream().anyMatch(threadName::startsWith);
  }

  /**
   * A TaskManager's threads, less those of pools that grow and shrink with load by design (Pekko's
   * dispatchers, fork-join pools): what a leak would add to.
   */
  private static List<String> steadyThreads(String taskManager) throws Exception {
    return cluster.threadNames(taskManager).stream()
        .filter(name -> !name.contains("dispatcher") && !name.contains("ForkJoinPool"))
        .sorted()
        .toList();
  }

  private static RunningSimulator simulator(double timeScale) throws Exception {
    return Simulator.start(SimulatorConfig.builder().timeScale(timeScale).apiKey(API_KEY).build());
  }
}
