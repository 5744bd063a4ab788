package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.MODEL;
import static dev.beliefs.extract.batch.BatchFixtures.USAGE;
import static dev.beliefs.extract.batch.BatchFixtures.key;
import static dev.beliefs.extract.batch.BatchFixtures.ok;
import static dev.beliefs.extract.batch.BatchFixtures.refused;
import static dev.beliefs.extract.batch.BatchFixtures.requests;
import static dev.beliefs.extract.batch.BatchFixtures.settings;
import static dev.beliefs.extract.batch.BatchFixtures.status;
import static dev.beliefs.extract.batch.BatchFixtures.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What collecting an ended batch makes of each request awaiting it, and of the budget. */
class BatchCollectorTest {

  private static final BigDecimal CAP = new BigDecimal("0.01");

  /** One answer at the batch price: 1,000 x $0.075/M + 10 x $0.30/M. */
  private static final BigDecimal ONE_ANSWER = new BigDecimal("0.000078");

  @TempDir Path temp;

  private final ScriptedBatchApi api = new ScriptedBatchApi();
  private final Budget budget = new Budget(CAP);
  private final Map<String, TrackedRequest> tracked = new LinkedHashMap<>();

  @Test
  void eachAnswerIsJudged_billed_andDecidesWhetherItsRequestIsDoneFailedOrSentAgain()
      throws Exception {
    BatchRecord record = sentInBatch("a", "b", "c", "d", "e");
    api.files.put("out", List.of(ok("a", "{\"beliefs\": []}"), truncated("b"), refused("c")));
    api.files.put("err", List.of(status("d", 500)));

    collector().collect(ended(record, "completed", "out", "err", List.of()), tracked);

    TrackedRequest a = tracked.get("a");
    assertEquals(TrackedRequest.State.ANSWERED, a.state);
    assertEquals(List.of(), a.answer.beliefs());
    assertEquals(USAGE, a.answer.usage());
    assertEquals(1, a.answer.requests());
    TrackedRequest b = tracked.get("b");
    assertEquals(TrackedRequest.State.TO_SEND, b.state);
    assertEquals("truncated", b.reason);
    assertEquals(3000, b.maxTokens, "asked again with twice the tokens");
    assertEquals(USAGE, b.billed);
    TrackedRequest c = tracked.get("c");
    assertEquals(TrackedRequest.State.FAILED, c.state);
    assertEquals("refused", c.reason);
    assertEquals("the model refused: I cannot help with that.", c.detail);
    TrackedRequest d = tracked.get("d");
    assertEquals(TrackedRequest.State.TO_SEND, d.state);
    assertEquals("http_500", d.reason);
    assertEquals(Usage.NONE, d.billed);
    TrackedRequest e = tracked.get("e");
    assertEquals(TrackedRequest.State.TO_SEND, e.state);
    assertEquals("missing_answer", e.reason);
    assertEquals("the batch ended completed without an answer for it", e.detail);
  }

  @Test
  void theBudgetCountsEveryAnswerBilled_andGetsEveryReservationBack() throws Exception {
    BatchRecord record = sentInBatch("a", "b", "c", "d");
    api.files.put("out", List.of(ok("a", "{\"beliefs\": []}"), truncated("b"), refused("c")));

    collector().collect(ended(record, "completed", "out", null, List.of()), tracked);

    BigDecimal spent = ONE_ANSWER.multiply(BigDecimal.valueOf(3));
    assertEquals(0, spent.compareTo(budget.spent()), budget.spent().toPlainString());
    assertTrue(budget.tryReserve(CAP.subtract(spent)), "nothing is held in flight any more");
    assertFalse(budget.tryReserve(new BigDecimal("0.000001")));
  }

  @Test
  void onlyAGoodAnswerGoesIntoTheCache_andTheRecordIsClosed() throws Exception {
    BatchRecord record = sentInBatch("a", "b");
    api.files.put("out", List.of(ok("a", "{\"beliefs\": []}"), truncated("b")));

    collector().collect(ended(record, "completed", "out", null, List.of()), tracked);

    ResponseCache cache = settings(temp, CAP).cache();
    assertInstanceOf(ResponseCache.Hit.class, cache.lookup(key("a")));
    assertInstanceOf(ResponseCache.Miss.class, cache.lookup(key("b")));
    assertEquals(List.of(), records().open());
    assertTrue(Files.exists(temp.resolve("batches/collected/" + record.recordId() + ".json")));
  }

  @Test
  void aGoodAnswerNoRequestAwaits_isStillCached_butNotBilledToThisRun() throws Exception {
    BatchRecord earlier = record(List.of(new BatchRecord.Entry("x", key("x"), 1500)));
    api.files.put("out", List.of(ok("x", "{\"beliefs\": []}")));

    collector().collect(ended(earlier, "completed", "out", null, List.of()), tracked);

    assertInstanceOf(ResponseCache.Hit.class, settings(temp, CAP).cache().lookup(key("x")));
    assertEquals(0, BigDecimal.ZERO.compareTo(budget.spent()));
  }

  @Test
  void aBatchThatFailedValidation_sendsItsRequestsBack_withTheBatchsErrors() throws Exception {
    BatchRecord record = sentInBatch("a");

    collector()
        .collect(
            ended(record, "failed", null, null, List.of("token_limit_exceeded: limit reached")),
            tracked);

    TrackedRequest a = tracked.get("a");
    assertEquals(TrackedRequest.State.TO_SEND, a.state);
    assertEquals("batch_failed", a.reason);
    assertEquals("the batch ended failed: token_limit_exceeded: limit reached", a.detail);
  }

  private BatchCollector collector() {
    return new BatchCollector(settings(temp, CAP), api, records(), budget);
  }

  private BatchRecords records() {
    return new BatchRecords(temp.resolve("batches").toString());
  }

  /** Tracks these requests as sent in one recorded batch, each holding its worst case. */
  private BatchRecord sentInBatch(String... ids) throws Exception {
    BatchRecord record =
        record(
            requests(ids).stream()
                .map(r -> new BatchRecord.Entry(r.customId(), r.key(), 1500))
                .toList());
    for (BatchJob.Request request : requests(ids)) {
      TrackedRequest t = new TrackedRequest(request, 1500);
      BigDecimal worst = t.worstCase(settings(temp, CAP).openAi().price());
      budget.hold(worst);
      t.reserved(worst);
      t.sent(record, System.currentTimeMillis());
      tracked.put(t.customId, t);
    }
    return record;
  }

  private BatchRecord record(List<BatchRecord.Entry> entries) throws Exception {
    BatchRecord record =
        new BatchRecord("r1", Instant.now().toString(), 1, MODEL, "file-0", "batch-0", entries);
    records().save(record);
    return record;
  }

  private static ActiveBatch ended(
      BatchRecord record,
      String state,
      @Nullable String outputFileId,
      @Nullable String errorFileId,
      List<String> errors) {
    return new ActiveBatch(
        record,
        new BatchStatus(
            "batch-0", state, "file-0", outputFileId, errorFileId, 0, 0, 0, 0, errors, Map.of()));
  }
}
