package dev.beliefs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.Sharing;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.program.ContextEnvironment;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Maps {@code --workers} onto the chosen runner, once ({@link #plan}), and configures the runner
 * with it ({@link #configure}). Requests in flight are {@code --workers} for the whole job whatever
 * the runner: the extraction step schedules them itself, in one JVM on the DirectRunner and Flink
 * {@code [local]}, split into equal shares over the extraction step's subtasks on a Flink cluster
 * ({@link #sharing}); the runner's own parallelism only has to feed it:
 *
 * <ul>
 *   <li>DirectRunner: target parallelism = workers.
 *   <li>Flink: parallelism = workers, capped by the slots a session cluster has (its REST API is
 *       asked first, so a wrong {@code --flinkMaster} fails in seconds) or, for the embedded {@code
 *       [local]} cluster, by {@value #LOCAL_PARALLELISM_CAP}: fifty local subtasks run out of
 *       network buffers. Under {@code flink run} ({@code --flinkMaster=[auto]}, Beam's default, in
 *       the Flink CLI's context environment) the parallelism is left to Flink ({@code flink run
 *       -p}, else the cluster's {@code parallelism.default}): only Flink knows the slots there, and
 *       a job wider than the cluster waits for slots that never come. An explicit {@code
 *       --parallelism} wins. The job asks for {@value #RESTARTS} restarts; on the bundled session
 *       cluster Flink 1.19 applied the cluster's restart strategy (its config.yaml) instead.
 * </ul>
 */
final class Runners {

  static final int LOCAL_PARALLELISM_CAP = 8;
  static final int RESTARTS = 3;

  /** About 27 hour-long transcripts: enough to choose the longest calls from, little to hold. */
  static final int MIN_READ_AHEAD = 2_000;

  static final int READ_AHEAD_PER_WORKER = 50;
  private static final Duration REST_TIMEOUT = Duration.ofSeconds(5);

  private Runners() {}

  /**
   * What {@code --workers} means on {@code options}' runner; on a Flink session cluster, asks its
   * REST API for its slots.
   *
   * @param limits the rate limits the extraction step's subtasks split
   */
  static WorkerPlan plan(BeliefOptions options, RateLimits limits) throws ConfigurationException {
    int workers = requestsInFlight(options);
    Integer parallelism =
        FlinkRunner.class.equals(options.getRunner())
            ? flinkParallelism(options.as(FlinkPipelineOptions.class), workers)
            : Integer.valueOf(workers);
    boolean direct = options.getRunner().getSimpleName().equals("DirectRunner");
    ChunkBacklog readAhead =
        direct
            ? ChunkBacklog.of(Math.max(MIN_READ_AHEAD, READ_AHEAD_PER_WORKER * workers))
            : ChunkBacklog.unbounded();
    return new WorkerPlan(
        workers, parallelism, readAhead, sharing(options, workers, parallelism, limits));
  }

  /**
   * Requests in flight for the whole job, whatever the runner: {@code --workers}. What {@code
   * estimate} times the calls with, without asking a cluster anything.
   */
  static int requestsInFlight(BeliefOptions options) throws ConfigurationException {
    if (options.getWorkers() < 1) {
      throw new ConfigurationException("--workers must be >= 1, got " + options.getWorkers());
    }
    return options.getWorkers();
  }

  /** Sets the runner's options to {@code plan}, and what every run of the job wants of it. */
  static void configure(BeliefOptions options, WorkerPlan plan) {
    DirectOptions direct = options.as(DirectOptions.class);
    // Return from run() at once, so that progress can be reported while the job runs.
    direct.setBlockOnRun(false);
    // Copying and re-encoding every element to catch mutation is a check for transform authors
    // (the tests keep it on); a production run need not pay for it in time and memory.
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    if (FlinkRunner.class.equals(options.getRunner())) {
      configureFlink(options.as(FlinkPipelineOptions.class), plan.parallelism());
    } else {
      direct.setTargetParallelism(plan.parallelism());
    }
  }

  /** An explicit {@code --parallelism}, else workers capped by the slots, else Flink's choice. */
  private static @Nullable Integer flinkParallelism(FlinkPipelineOptions flink, int workers)
      throws ConfigurationException {
    String master = flink.getFlinkMaster();
    int cap = LOCAL_PARALLELISM_CAP;
    if (isRemote(master)) {
      cap = freeSlots(master);
    }
    Integer explicit = flink.getParallelism();
    if (explicit != null && explicit >= 1) {
      return explicit;
    }
    return inFlinkCli(master) ? null : Math.max(1, Math.min(workers, cap));
  }

  private static void configureFlink(FlinkPipelineOptions flink, @Nullable Integer parallelism) {
    if (parallelism != null) {
      flink.setParallelism(parallelism);
    }
    // The job's DoFns never mutate their inputs, so Flink need not copy elements between them.
    flink.setFasterCopy(true);
    if (flink.getNumberOfExecutionRetries() == null || flink.getNumberOfExecutionRetries() < 0) {
      flink.setNumberOfExecutionRetries(RESTARTS);
      flink.setExecutionRetryDelay(3_000L);
    }
  }

  /**
   * How the extraction step's workers split {@code --workers}, the rate limits and the cap: on a
   * Flink cluster, an equal share to each subtask of the step, so that the job as a whole stays
   * within them on any number of TaskManagers; elsewhere (the DirectRunner, Flink's embedded {@code
   * [local]} cluster) the whole job runs in one JVM, which holds them all.
   */
  private static Sharing sharing(
      BeliefOptions options, int workers, @Nullable Integer parallelism, RateLimits limits)
      throws ConfigurationException {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")
        || "[local]".equals(options.as(FlinkPipelineOptions.class).getFlinkMaster())) {
      // One JVM runs every subtask: one scheduler serves them all, so that a subtask handed more
      // chunks than another takes the other's idle slots (equal shares left 16 calls at 4 workers
      // taking twice the least time any schedule needs).
      return Sharing.WHOLE_JVM;
    }
    if (parallelism != null) {
      if (parallelism > workers) {
        throw new ConfigurationException(
            "--parallelism="
                + parallelism
                + " is more than --workers="
                + workers
                + ": each Flink subtask of the extraction step holds at least one of the requests"
                + " in flight; raise --workers or lower --parallelism");
      }
      long smallest = smallestLimit(limits);
      if (smallest > 0 && smallest < parallelism) {
        throw new ConfigurationException(
            "a rate limit of "
                + smallest
                + " per minute cannot be split over "
                + parallelism
                + " Flink subtasks; lower --parallelism");
      }
    }
    return Sharing.PER_FLINK_SUBTASK;
  }

  private static long smallestLimit(RateLimits limits) {
    long requests = limits.requestsPerMinute();
    long tokens = limits.tokensPerMinute();
    if (requests == 0 || tokens == 0) {
      return Math.max(requests, tokens);
    }
    return Math.min(requests, tokens);
  }

  /**
   * True when {@code flink run} launched this JVM's job: the CLI installs a context environment
   * that Beam's {@code [auto]} master submits to. Beam's batch translation uses Flink's DataSet
   * API, deprecated in Flink 1.19.
   */
  @SuppressWarnings("deprecation")
  private static boolean inFlinkCli(String master) {
    return (master == null || master.equals("[auto]"))
        && ExecutionEnvironment.getExecutionEnvironment() instanceof ContextEnvironment;
  }

  private static boolean isRemote(String master) {
    return master != null && !master.startsWith("[") && master.contains(":");
  }

  /** Asks the session cluster's REST API how many slots it has; fails fast when it is not there. */
  private static int freeSlots(String master) throws ConfigurationException {
    String url = (master.startsWith("http") ? master : "http://" + master) + "/overview";
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(REST_TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(REST_TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ConfigurationException(
            "--flinkMaster=" + master + ": " + url + " answered HTTP " + response.statusCode());
      }
      JsonNode overview = Json.MAPPER.readTree(response.body());
      int slots = overview.path("slots-total").asInt(0);
      if (slots < 1) {
        throw new ConfigurationException(
            "--flinkMaster=" + master + ": the cluster has no TaskManager slots yet");
      }
      return slots;
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "--flinkMaster="
              + master
              + ": no Flink REST API answers at "
              + url
              + " ("
              + e.getClass().getSimpleName()
              + "); start the cluster or fix the address");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("interrupted while asking " + url);
    }
  }
}
