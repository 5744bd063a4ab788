package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.key;
import static dev.beliefs.extract.batch.BatchFixtures.requests;
import static dev.beliefs.extract.batch.BatchFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending a round's requests: the budget's admission, the upload, the record and the batch. */
class BatchSubmitterTest {

  /** Two worst cases fit, three do not: each is 1,000 x $0.075/M + 1,500 x $0.30/M = $0.000525. */
  private static final BigDecimal CAP = new BigDecimal("0.0011");

  @TempDir Path temp;

  private final ScriptedBatchApi api = new ScriptedBatchApi();
  private final Budget budget = new Budget(CAP);

  @Test
  void whatTheBudgetTakes_isUploadedRecordedAndMadeABatch_theRestWaits() throws Exception {
    List<TrackedRequest> toSend = tracked("a", "b", "c");

    List<ActiveBatch> batches = submitter().submit(toSend, requests("a", "b", "c"), 1);

    assertEquals(1, batches.size());
    ActiveBatch batch = batches.get(0);
    assertEquals("batch-0", batch.status.id());
    assertEquals(List.of("a", "b"), api.customIds("file-0"));
    assertEquals(List.of(batch.record), records().open());
    assertEquals("batch-0", batch.record.batchId());
    assertEquals(1, batch.record.round());
    assertEquals(
        List.of(
            new BatchRecord.Entry("a", key("a"), 1500), new BatchRecord.Entry("b", key("b"), 1500)),
        batch.record.requests());
    TrackedRequest a = toSend.get(0);
    assertEquals(TrackedRequest.State.SENT, a.state);
    assertSame(batch.record, a.in);
    assertEquals(1, a.requests);
    TrackedRequest c = toSend.get(2);
    assertEquals(TrackedRequest.State.TO_SEND, c.state);
    assertEquals("budget_exhausted", c.reason);
    assertEquals(
        "not sent: $0 spent and batches in flight could pass --maxCostUsd=0.0011", c.detail);
    assertFalse(Files.exists(api.uploaded.get(0)), "the local input file is deleted");
  }

  @Test
  void anUploadThatMayWorkLater_sendsItsRequestsBackForTheNextRound_andFreesTheBudget()
      throws Exception {
    api.uploadFails =
        new ApiErrorException(500, "The server had an error", null, null, RateLimitHeaders.NONE);
    List<TrackedRequest> toSend = tracked("a", "b");

    List<ActiveBatch> batches = submitter().submit(toSend, requests("a", "b"), 1);

    assertEquals(List.of(), batches);
    for (TrackedRequest t : toSend) {
      assertEquals(TrackedRequest.State.TO_SEND, t.state);
      assertEquals("http_500", t.reason);
      assertEquals("HTTP 500: The server had an error", t.detail);
      assertEquals(0, t.requests);
    }
    assertEquals(List.of(), records().open());
    assertTrue(budget.tryReserve(CAP), "no worst case is held any more");
    assertFalse(Files.exists(api.uploaded.get(0)));
  }

  @Test
  void aBatchTheServerRefusesToCreate_failsItsRequests_andClosesTheRecord() throws Exception {
    api.createFails = new ApiErrorException(400, "Bad input", null, null, RateLimitHeaders.NONE);
    List<TrackedRequest> toSend = tracked("a");

    List<ActiveBatch> batches = submitter().submit(toSend, requests("a"), 2);

    assertEquals(List.of(), batches);
    TrackedRequest a = toSend.get(0);
    assertEquals(TrackedRequest.State.FAILED, a.state);
    assertEquals("http_400", a.reason);
    assertEquals("HTTP 400: Bad input", a.detail);
    assertEquals(List.of(), records().open());
    try (var collected = Files.list(temp.resolve("batches/collected"))) {
      assertEquals(1, collected.count());
    }
    assertTrue(budget.tryReserve(CAP));
  }

  private BatchSubmitter submitter() {
    BatchSettings settings = settings(temp, CAP);
    BatchCreator creator = new BatchCreator(settings, api, records(), millis -> {});
    return new BatchSubmitter(settings, api, records(), creator, budget);
  }

  private BatchRecords records() {
    return new BatchRecords(temp.resolve("batches").toString());
  }

  private static List<TrackedRequest> tracked(String... ids) {
    return requests(ids).stream().map(r -> new TrackedRequest(r, 1500)).toList();
  }
}
