package dev.beliefs.pipeline.progress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.progress.ChunkTally;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A job's chunk counts on a Flink session cluster, read from the JobManager's REST API, where the
 * launcher cannot see the workers' tally. Flink counts the records each task reads and writes as
 * they pass, and the REST API shows them while the job runs (refreshed every {@code
 * metrics.fetcher.update-interval}, 10 s by default). The extraction step is chained behind the
 * sort that spreads the chunks, so its task reads every chunk that reached extraction and writes
 * one record per chunk done (a result or a failure, tagged); the filter that keeps the failures
 * writes one per failed chunk. Calls, cache hits, tokens and cost are Beam metrics, which Flink's
 * batch mode commits only when the extraction task ends: they stay unknown here.
 *
 * <p>Reading fails quietly: a snapshot that cannot be read now is the last one read.
 */
public final class FlinkJobProgress implements Supplier<ChunkTally.Snapshot> {

  /** The extraction step's full name, as its operators are named in the job graph. */
  static final String STEP = "ExtractBeliefs/AskModel";

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A GET of the REST API: the path, such as {@code /jobs/overview}, to its body. */
  @FunctionalInterface
  interface Rest {
    String get(String path) throws IOException, InterruptedException;
  }

  private final Rest rest;
  private final String jobName;
  private @Nullable String jobPath;
  private @Nullable String extractVertex;
  private @Nullable String failuresVertex;
  private boolean noExtractionStep;
  private ChunkTally.Snapshot last = ChunkTally.Snapshot.EMPTY;

  FlinkJobProgress(Rest rest, String jobName) {
    this.rest = rest;
    this.jobName = jobName;
  }

  /** The job named {@code jobName} on the cluster whose REST API is at {@code master}. */
  public static FlinkJobProgress of(String master, String jobName) {
    String base = master.startsWith("http") ? master : "http://" + master;
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    return new FlinkJobProgress(
        path -> {
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
          }
          return response.body();
        },
        jobName);
  }

  @Override
  public synchronized ChunkTally.Snapshot get() {
    try {
      if (failuresVertex == null && !findVertices()) {
        return last;
      }
      JsonNode extract = read(jobPath + "/vertices/" + extractVertex);
      long arrived = sum(extract, "read-records");
      long done = sum(extract, "write-records");
      long failed =
          Math.min(done, sum(read(jobPath + "/vertices/" + failuresVertex), "write-records"));
      last = new ChunkTally.Snapshot(arrived, 0, done - failed, failed, 0, 0, 0, 0);
    } catch (IOException | RuntimeException e) {
      // Not submitted yet, or the JobManager is busy: ask again at the next tick.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return last;
  }

  /**
   * Finds the job (the newest of its name) and its extraction vertices, once the job and its graph
   * are there; a graph without them (the Batch API's) is not asked again.
   */
  private boolean findVertices() throws IOException, InterruptedException {
    if (noExtractionStep) {
      return false;
    }
    if (jobPath == null) {
      JsonNode newest = null;
      for (JsonNode job : read("/jobs/overview").path("jobs")) {
        if (job.path("name").asText().equals(jobName)
            && (newest == null
                || job.path("start-time").asLong() > newest.path("start-time").asLong())) {
          newest = job;
        }
      }
      if (newest == null) {
        return false;
      }
      jobPath = "/jobs/" + newest.path("jid").asText();
    }
    JsonNode vertices = read(jobPath).path("vertices");
    if (vertices.isEmpty()) {
      // Listed while still initializing: the graph's vertices come a moment later.
      return false;
    }
    for (JsonNode vertex : vertices) {
      String name = vertex.path("name").asText();
      if (name.endsWith("(FlatMap at " + STEP + ")")) {
        extractVertex = vertex.path("id").asText();
      } else if (name.endsWith("(FlatMap at " + STEP + ".out1)")) {
        // Output 0 is the main output (results); output 1 the failures.
        failuresVertex = vertex.path("id").asText();
      }
    }
    noExtractionStep = extractVertex == null || failuresVertex == null;
    return !noExtractionStep;
  }

  /** A task metric summed over the vertex's subtasks, as the web UI shows it. */
  private static long sum(JsonNode vertex, String metric) {
    long sum = 0;
    for (JsonNode subtask : vertex.path("subtasks")) {
      sum += subtask.path("metrics").path(metric).asLong();
    }
    return sum;
  }

  private JsonNode read(String path) throws IOException, InterruptedException {
    return Json.MAPPER.readTree(rest.get(path));
  }
}
