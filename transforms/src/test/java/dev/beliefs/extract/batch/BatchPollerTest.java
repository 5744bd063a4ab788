package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.MODEL;
import static dev.beliefs.extract.batch.BatchFixtures.batchStatus;
import static dev.beliefs.extract.batch.BatchFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a batch job waits for its batches, with a sleeper that only notes the waits. */
class BatchPollerTest {

  @TempDir Path temp;

  private final ScriptedBatchApi api = new ScriptedBatchApi();
  private final List<Long> sleeps = new ArrayList<>();

  @Test
  void batchesStillRunning_areLookedAtAfterWaitsThatDoubleUpToMaxPoll_untilEachHasEnded()
      throws Exception {
    api.script("slow", "in_progress", "in_progress", "finalizing", "completed");
    api.script("quick", "expired");
    ActiveBatch slow = new ActiveBatch(record("r-slow"), batchStatus("slow", "validating"));
    ActiveBatch quick = new ActiveBatch(record("r-quick"), batchStatus("quick", "in_progress"));

    poller().await(List.of(slow, quick));

    assertEquals(List.of(1_000L, 2_000L, 4_000L, 4_000L), sleeps);
    assertEquals("completed", slow.status.status());
    assertEquals("expired", quick.status.status());
    assertEquals(Map.of("slow", 4, "quick", 1), api.retrieved, "an ended batch is not looked at");
  }

  @Test
  void batchesThatHaveAllEnded_areNeitherWaitedForNorLookedAt() throws Exception {
    ActiveBatch done = new ActiveBatch(record("r"), batchStatus("done", "cancelled"));

    poller().await(List.of(done));

    assertEquals(List.of(), sleeps);
    assertEquals(Map.of(), api.retrieved);
  }

  @Test
  void aBatchTheApiNoLongerHas_stopsTheWait_withAnErrorThatSaysARerunPicksItUp() {
    ActiveBatch gone = new ActiveBatch(record("r"), batchStatus("gone", "in_progress"));

    IOException e = assertThrows(IOException.class, () -> poller().await(List.of(gone)));

    assertEquals("batch gone (a rerun picks it up again): HTTP 404: No batch gone", e.getMessage());
    assertEquals(List.of(1_000L), sleeps);
  }

  private BatchPoller poller() {
    BatchSettings settings =
        settings(temp, null).withPolling(Duration.ofSeconds(1), Duration.ofSeconds(4));
    return new BatchPoller(settings, api, sleeps::add);
  }

  private static BatchRecord record(String recordId) {
    return new BatchRecord(recordId, Instant.now().toString(), 1, MODEL, "file-0", null, List.of());
  }
}
