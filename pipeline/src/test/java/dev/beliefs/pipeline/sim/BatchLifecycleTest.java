package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** The statuses a batch goes through, each step run by hand rather than on a clock. */
class BatchLifecycleTest {

  private final SimulatorStats stats = new SimulatorStats(0, 0);
  private final Files files = new Files(stats);
  private final ManualScheduler scheduler = new ManualScheduler();
  private final BatchStore store = new BatchStore();

  @Test
  void aGoodFile_isValidated_runForAMinutePlusASecondPerRequest_finalizedAndCompleted()
      throws Exception {
    SimulatedBatch batch = start(lifecycle(""), input("a", "b"));
    assertEquals("validating", batch.status);
    assertEquals(Duration.ofSeconds(1), scheduler.nextDelay());

    scheduler.runNext();
    assertEquals("in_progress", batch.status);
    assertNotNull(batch.inProgressAt);
    assertEquals(2, batch.total);
    assertEquals(Duration.ofSeconds(62), scheduler.nextDelay());

    scheduler.runNext();
    assertEquals("finalizing", batch.status);
    assertNotNull(batch.finalizingAt);
    assertEquals(2, batch.completed);
    assertEquals(0, batch.failed);
    assertNull(batch.errorFileId);
    assertEquals(List.of("a", "b"), customIds(files.get(batch.outputFileId).orElseThrow()));
    assertEquals(Duration.ofSeconds(1), scheduler.nextDelay());

    scheduler.runNext();
    assertEquals("completed", batch.status);
    assertNotNull(batch.completedAt);
    assertTrue(scheduler.steps.isEmpty());
  }

  @Test
  void aRefusedFile_failsTheBatchWithItsErrors_andAnswersNothing() throws Exception {
    SimulatedBatch batch =
        start(
            lifecycle(""),
            files.put("bad.jsonl", "batch", "not json\n".getBytes(StandardCharsets.UTF_8)));

    scheduler.runNext();

    assertEquals("failed", batch.status);
    assertNotNull(batch.failedAt);
    assertEquals(1, batch.errors.size());
    assertEquals("invalid_json_line", batch.errors.get(0).path("code").asText());
    assertTrue(scheduler.steps.isEmpty());
    assertEquals(0, stats.snapshot().batchRequests());
  }

  @Test
  void aBatchCancelledInProgress_endsCancelledWithoutAnswers() throws Exception {
    BatchLifecycle lifecycle = lifecycle("");
    SimulatedBatch batch = start(lifecycle, input("a"));
    scheduler.runNext();

    assertTrue(lifecycle.cancel(batch));
    assertEquals("cancelling", batch.status);
    assertNotNull(batch.cancellingAt);
    scheduler.runNext(); // the run, cancelled
    scheduler.runNext();

    assertEquals("cancelled", batch.status);
    assertNotNull(batch.cancelledAt);
    assertNull(batch.outputFileId);
    assertEquals(0, stats.snapshot().batchRequests());
    assertFalse(lifecycle.cancel(batch), "a cancelled batch cannot be cancelled again");
    assertTrue(scheduler.steps.isEmpty());
  }

  @Test
  void aRequestTheWindowClosedOn_expiresTheBatchAtOnce() throws Exception {
    SimulatedBatch batch = start(lifecycle("timeout:1"), input("a"));
    scheduler.runNext();

    scheduler.runNext();

    assertEquals("expired", batch.status);
    assertNotNull(batch.expiredAt);
    assertEquals(0, batch.completed);
    assertEquals(1, batch.failed);
    assertNull(batch.outputFileId);
    assertNotNull(batch.errorFileId);
    assertTrue(scheduler.steps.isEmpty(), "no finalizing");
  }

  private BatchLifecycle lifecycle(String faults) {
    SimulatorConfig config = SimulatorConfig.builder().faults(FaultPlan.parse(faults)).build();
    BatchRequests requests =
        new BatchRequests(
            config, new RequestDraws(config.faults(), config.seed()), new Tokenizer(), stats);
    return new BatchLifecycle(scheduler, requests, files, Batches.ENDPOINT, 10);
  }

  private SimulatedBatch start(BatchLifecycle lifecycle, Files.StoredFile input) {
    SimulatedBatch batch = store.create(input.id(), Batches.ENDPOINT, Map.of());
    lifecycle.start(batch, input);
    return batch;
  }

  private Files.StoredFile input(String... customIds) throws Exception {
    String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1500);
    StringBuilder lines = new StringBuilder();
    for (String customId : customIds) {
      lines
          .append("{\"custom_id\":\"")
          .append(customId)
          .append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":")
          .append(body)
          .append("}\n");
    }
    return files.put("input.jsonl", "batch", lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> customIds(Files.StoredFile file) throws Exception {
    List<String> customIds = new ArrayList<>();
    for (String line : new String(file.content(), StandardCharsets.UTF_8).split("\n")) {
      customIds.add(Json.MAPPER.readTree(line).path("custom_id").asText());
    }
    return customIds;
  }

  /** Keeps each step until the test runs it; a step cancelled meanwhile does nothing. */
  private static final class ManualScheduler implements BatchLifecycle.Scheduler {
    private record Step(Duration delay, FutureTask<?> task) {}

    final Deque<Step> steps = new ArrayDeque<>();

    @Override
    public Future<?> after(Duration delay, Runnable step) {
      FutureTask<?> task = new FutureTask<>(step, null);
      steps.add(new Step(delay, task));
      return task;
    }

    Duration nextDelay() {
      return steps.getFirst().delay();
    }

    /** Runs the oldest step, rethrowing what it threw. */
    void runNext() throws Exception {
      FutureTask<?> task = steps.removeFirst().task();
      task.run();
      if (!task.isCancelled()) {
        task.get();
      }
    }
  }
}
