package dev.beliefs.pipeline.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.progress.ChunkTally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The chunk counts read from a session cluster's REST API, on answers captured from a real cluster
 * while the sample ran with failures injected ({@code testdata/flink-rest/README.md}).
 */
class FlinkJobProgressTest {

  private static final Path CAPTURED = TestFiles.projectRoot().resolve("testdata/flink-rest");
  private static final String JOB = "/jobs/63610e18888e4aef8a4ebe56ee855f78";
  private static final String EXTRACT_VERTEX = JOB + "/vertices/3869cbb69ef7026fc5cd23f2ec0ce888";
  private static final String FAILURES_VERTEX = JOB + "/vertices/d1af29596b72ba4d485191c395206792";

  private final List<String> asked = new ArrayList<>();
  private String phase = "running";
  private boolean down;

  /** The REST API as captured: the job's vertices answer as they did at {@link #phase}. */
  private final FlinkJobProgress.Rest rest =
      path -> {
        asked.add(path);
        if (down) {
          throw new IOException("connection refused");
        }
        Map<String, String> files =
            Map.of(
                "/jobs/overview",
                "jobs-overview.json",
                JOB,
                "job.json",
                EXTRACT_VERTEX,
                "extract-vertex-" + phase + ".json",
                FAILURES_VERTEX,
                "failures-vertex-" + phase + ".json");
        String file = files.get(path);
        if (file == null) {
          throw new IOException("GET " + path + ": HTTP 404");
        }
        return Files.readString(CAPTURED.resolve(file));
      };

  @Test
  void midRun_chunksKnownAreThoseTheExtractionTaskRead_doneThoseItWrote_failedThoseFiltered() {
    ChunkTally.Snapshot snapshot = new FlinkJobProgress(rest, "explore2").get();

    assertEquals(43, snapshot.arrived());
    assertEquals(37, snapshot.done());
    assertEquals(2, snapshot.failed());
    assertEquals(35, snapshot.succeeded());
  }

  @Test
  void whenTheExtractionTaskHasEnded_theCountsAreTheRunSummarys() {
    phase = "done";

    ChunkTally.Snapshot snapshot = new FlinkJobProgress(rest, "explore2").get();

    assertEquals(new ChunkTally.Snapshot(43, 0, 39, 4, 0, 0, 0, 0), snapshot);
  }

  @Test
  void callsCacheHitsTokensAndCost_areNotGuessed() {
    ChunkTally.Snapshot snapshot = new FlinkJobProgress(rest, "explore2").get();

    assertEquals(0, snapshot.inFlight());
    assertEquals(0, snapshot.cacheHits());
    assertEquals(0, snapshot.requests());
    assertEquals(0, snapshot.tokens());
    assertEquals(0, snapshot.costMicroUsd());
  }

  @Test
  void theJobAndItsVerticesAreLookedUpOnce_thenOnlyTheTwoVerticesAreAsked() {
    FlinkJobProgress progress = new FlinkJobProgress(rest, "explore2");

    progress.get();
    progress.get();

    assertEquals(
        List.of(
            "/jobs/overview",
            JOB,
            EXTRACT_VERTEX,
            FAILURES_VERTEX,
            EXTRACT_VERTEX,
            FAILURES_VERTEX),
        asked);
  }

  /**
   * A job is listed as soon as it is submitted, before its graph has vertices; the answer for that
   * moment is written here by hand (the captured one came later), with the fields read.
   */
  @Test
  void aJobListedBeforeItsGraphIsThere_isAskedAgain() {
    List<String> answers = new ArrayList<>();
    FlinkJobProgress.Rest initializing =
        path -> {
          answers.add(path);
          return path.equals(JOB) && answers.indexOf(JOB) == answers.size() - 1
              ? "{\"jid\": \"63610e18888e4aef8a4ebe56ee855f78\", \"state\": \"INITIALIZING\","
                  + " \"vertices\": []}"
              : rest.get(path);
        };
    FlinkJobProgress progress = new FlinkJobProgress(initializing, "explore2");

    assertEquals(ChunkTally.Snapshot.EMPTY, progress.get());
    ChunkTally.Snapshot snapshot = progress.get();

    assertEquals(37, snapshot.done());
    assertEquals(43, snapshot.arrived());
  }

  @Test
  void beforeTheJobIsListed_nothingIsKnown() {
    ChunkTally.Snapshot snapshot = new FlinkJobProgress(rest, "not-submitted-yet").get();

    assertEquals(ChunkTally.Snapshot.EMPTY, snapshot);
  }

  @Test
  void whenTheApiDoesNotAnswer_theLastCountsStand() {
    FlinkJobProgress progress = new FlinkJobProgress(rest, "explore2");
    ChunkTally.Snapshot before = progress.get();

    down = true;

    assertEquals(before, progress.get());
  }

  @Test
  void onTheDisplay_chunksFailuresChunksPerMinuteAndEta_butNoCostOrCalls() {
    AtomicLong nanos = new AtomicLong();
    List<ProgressStatus> shown = new ArrayList<>();
    Progress progress =
        new Progress(new FlinkJobProgress(rest, "explore2"), true, shown::add, nanos::get);
    nanos.set(30_000_000_000L);
    progress.tick();
    phase = "done";
    nanos.set(60_000_000_000L);
    progress.tick();

    assertEquals(
        List.of(
            "chunks 37/43  (2 failed)  0 chunks/min  ETA 0:04",
            "chunks 43/43  (4 failed)  12 chunks/min  ETA 0:00"),
        shown.stream().map(ProgressStatus::line).toList(),
        "6 chunks in the last 30 s");
  }
}
