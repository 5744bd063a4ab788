package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.MODEL;
import static dev.beliefs.extract.batch.BatchFixtures.USAGE;
import static dev.beliefs.extract.batch.BatchFixtures.expired;
import static dev.beliefs.extract.batch.BatchFixtures.key;
import static dev.beliefs.extract.batch.BatchFixtures.ok;
import static dev.beliefs.extract.batch.BatchFixtures.refused;
import static dev.beliefs.extract.batch.BatchFixtures.requests;
import static dev.beliefs.extract.batch.BatchFixtures.status;
import static dev.beliefs.extract.batch.BatchFixtures.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds, resumption, splitting and the budget of a batch job, against a fake Batch API. */
class BatchJobTest {

  @TempDir Path temp;

  private final FakeApi api = new FakeApi();

  @Test
  void requestsOfABatchAnEarlierRunRecorded_areAwaitedThere_andOnlyTheRestIsUploaded()
      throws Exception {
    BatchRecord earlier = submittedEarlier("r0", List.of("a", "b"), true);

    BatchJob.Result result = job(settings()).run(requests("a", "b", "c"));

    assertEquals(Set.of("a", "b", "c"), result.answers().keySet());
    assertEquals(1, result.resumed());
    assertEquals(1, result.created());
    assertEquals(2, api.uploads.size());
    assertEquals(List.of("c"), api.customIds(api.uploads.get(1)));
    assertEquals(List.of(), records().open());
    assertTrue(Files.exists(temp.resolve("batches/collected/" + earlier.recordId() + ".json")));
    assertEquals(1, result.answers().get("a").requests());
  }

  @Test
  void identicalRequestsOfTheRun_areSentOnce_andTheCopyIsDeduplicated() throws Exception {
    BatchJob.Request first = new BatchJob.Request("a", key("same"), "[u1] A: same text", 1000);
    BatchJob.Request copy = new BatchJob.Request("a-copy", key("same"), "[u1] A: same text", 1000);

    BatchJob.Result result = job(settings()).run(List.of(first, copy, requests("b").get(0)));

    assertEquals(List.of("a", "b"), api.customIds(api.uploads.get(0)));
    assertEquals(Set.of("a", "a-copy", "b"), result.answers().keySet());
    assertEquals(1, result.answers().get("a").requests());
    assertTrue(result.answers().get("a-copy").deduplicated());
    assertEquals(0, result.answers().get("a-copy").requests());
    assertEquals(Usage.NONE, result.answers().get("a-copy").usage());
    assertEquals(result.answers().get("a").beliefs(), result.answers().get("a-copy").beliefs());
  }

  @Test
  void aRecordWithoutItsBatchId_findsTheBatchByItsMetadata_insteadOfCreatingAnother()
      throws Exception {
    submittedEarlier("r1", List.of("a"), false);

    BatchJob.Result result = job(settings()).run(requests("a"));

    assertEquals(Set.of("a"), result.answers().keySet());
    assertEquals(1, api.creates, "only the earlier run's");
    assertEquals(1, api.uploads.size());
    assertEquals(0, result.created());
  }

  @Test
  void aRecordWhoseBatchWasNeverCreated_getsItFromTheFileAlreadyUploaded() throws Exception {
    String file = api.upload(api.input(List.of("a")));
    records()
        .save(
            new BatchRecord(
                "r2",
                Instant.now().toString(),
                1,
                MODEL,
                file,
                null,
                List.of(new BatchRecord.Entry("a", key("a"), 1500))));

    BatchJob.Result result = job(settings()).run(requests("a"));

    assertEquals(Set.of("a"), result.answers().keySet());
    assertEquals(1, api.uploads.size(), "no second upload");
    assertEquals(1, api.creates);
    assertEquals(file, api.batches.values().iterator().next().inputFileId);
  }

  @Test
  void aCreateThatTimedOutButHappened_isFoundAfterwards_notRepeated() throws Exception {
    api.createTimesOutAfterCreating = true;

    BatchJob.Result result = job(settings()).run(requests("a"));

    assertEquals(Set.of("a"), result.answers().keySet());
    assertEquals(1, api.creates);
  }

  @Test
  void failedExpiredAndMalformedAnswers_goIntoNewBatches_untilTheRoundsRunOut() throws Exception {
    api.answers =
        (id, body, attempt) ->
            switch (id) {
              case "always500" -> status(id, 500);
              case "expiresOnce" -> attempt == 1 ? expired(id) : ok(id, "{\"beliefs\": []}");
              case "malformedOnce" -> ok(id, attempt == 1 ? "```json" : "{\"beliefs\": []}");
              default -> ok(id, "{\"beliefs\": []}");
            };

    BatchJob.Result result =
        job(settings()).run(requests("ok", "always500", "expiresOnce", "malformedOnce"));

    assertEquals(3, result.created());
    assertEquals(List.of(4, 3, 1), api.batchSizes());
    assertEquals(Set.of("ok", "expiresOnce", "malformedOnce"), result.answers().keySet());
    assertEquals(2, result.answers().get("expiresOnce").requests());
    assertEquals(Usage.NONE.plus(USAGE), result.answers().get("expiresOnce").usage());
    assertEquals(USAGE.plus(USAGE), result.answers().get("malformedOnce").usage(), "both billed");
    ExtractionFailedException failed = result.failures().get("always500");
    assertEquals("http_500", failed.reason());
    assertEquals(3, failed.requests());
    assertEquals(Usage.NONE, failed.billed());
    assertTrue(
        failed.getMessage().startsWith("gave up after 3 batch rounds; last: HTTP 500"),
        failed.getMessage());
    assertEquals(List.of(), records().open());
  }

  @Test
  void aTruncatedAnswer_isAskedAgainWithTwiceTheTokens_once() throws Exception {
    api.answers =
        (id, body, attempt) ->
            id.equals("long") || attempt == 1 ? truncated(id) : ok(id, "{\"beliefs\": []}");

    BatchJob.Result result = job(settings()).run(requests("short", "long"));

    assertEquals(Set.of("short"), result.answers().keySet());
    assertEquals(List.of(1500, 1500), api.maxTokens(api.uploads.get(0)));
    assertEquals(List.of(3000, 3000), api.maxTokens(api.uploads.get(1)));
    ExtractionFailedException failed = result.failures().get("long");
    assertEquals("truncated", failed.reason());
    assertEquals(2, failed.requests());
    assertTrue(failed.getMessage().contains("max_tokens=3000 twice"), failed.getMessage());
  }

  @Test
  void a400AndARefusal_failAtOnce() throws Exception {
    api.answers = (id, body, attempt) -> id.equals("bad") ? status(id, 400) : refused(id);

    BatchJob.Result result = job(settings()).run(requests("bad", "refused"));

    assertEquals(1, result.created());
    assertEquals("http_400", result.failures().get("bad").reason());
    assertEquals("refused", result.failures().get("refused").reason());
    assertEquals(USAGE, result.failures().get("refused").billed());
  }

  @Test
  void aBatchThatFailsValidation_isResubmitted_thenItsRequestsFailWithItsErrors() throws Exception {
    api.failValidation = true;

    BatchJob.Result result = job(settings()).run(requests("a"));

    ExtractionFailedException failed = result.failures().get("a");
    assertEquals("batch_failed", failed.reason());
    assertEquals(3, failed.requests());
    assertTrue(failed.getMessage().contains("token_limit_exceeded"), failed.getMessage());
  }

  @Test
  void moreRequestsThanABatchTakes_areSplitIntoSeveralBatches() throws Exception {
    BatchJob.Result result =
        job(settings().withMaxRequestsPerBatch(2)).run(requests("a", "b", "c", "d", "e"));

    assertEquals(5, result.answers().size());
    assertEquals(List.of(2, 2, 1), api.batchSizes());
  }

  @Test
  void withASpendingCap_onlyWhatFitsIsSent_andTheRestWaitsForTheTrueCost() throws Exception {
    // Worst case of one request: 1,000 x $0.075/M + 1,500 x $0.30/M = $0.000525; each costs
    // 1,000 x $0.075/M + 10 x $0.30/M = $0.000078. Under $0.0008 one is sent per round.
    BatchSettings capped = BatchFixtures.settings(temp, new BigDecimal("0.0008"));

    BatchJob.Result result = job(capped).run(requests("a", "b", "c", "d"));

    assertEquals(List.of(1, 1, 1), api.batchSizes());
    assertEquals(Set.of("a", "b", "c"), result.answers().keySet());
    ExtractionFailedException failed = result.failures().get("d");
    assertEquals("budget_exhausted", failed.reason());
    assertEquals(0, failed.requests());
    assertEquals(
        "not sent: $0.000156 spent and batches in flight could pass --maxCostUsd=0.0008",
        failed.getMessage());
  }

  @Test
  void goodAnswersAreKeptInTheCache_underTheRequestsKey() throws Exception {
    job(settings()).run(requests("a"));

    ResponseCache.Lookup found = cache().lookup(key("a"));

    ResponseCache.Hit hit = assertInstanceOf(ResponseCache.Hit.class, found);
    assertEquals(USAGE, hit.entry().usage());
  }

  // --- fixtures

  private BatchJob job(BatchSettings settings) {
    return new BatchJob(settings, api, records(), millis -> {});
  }

  private BatchSettings settings() {
    return BatchFixtures.settings(temp, null);
  }

  private ResponseCache cache() {
    return new ResponseCache(temp.resolve("cache").toString());
  }

  private String batchesDir() {
    return temp.resolve("batches").toString();
  }

  private BatchRecords records() {
    return new BatchRecords(batchesDir());
  }

  /** A batch of these requests, created by an earlier run, recorded with or without its id. */
  private BatchRecord submittedEarlier(String recordId, List<String> ids, boolean withBatchId)
      throws Exception {
    String file = api.upload(api.input(ids));
    BatchStatus batch = api.create(file, Map.of(BatchRecord.METADATA_KEY, recordId));
    BatchRecord record =
        new BatchRecord(
            recordId,
            Instant.now().toString(),
            1,
            MODEL,
            file,
            withBatchId ? batch.id() : null,
            ids.stream().map(id -> new BatchRecord.Entry(id, key(id), 1500)).toList());
    records().save(record);
    return record;
  }

  /** Answers one request line: its custom id, body and how often that id was asked so far. */
  @FunctionalInterface
  private interface Answers {
    String answer(String customId, JsonNode body, int attempt);
  }

  /**
   * The Batch API in memory. A batch runs when it is first retrieved: each line is answered by
   * {@link #answers}, 200s to the output file, the rest to the error file; a {@code batch_expired}
   * line makes the batch {@code expired}.
   */
  private final class FakeApi implements BatchApi {
    final Map<String, List<String>> files = new LinkedHashMap<>();
    final Map<String, FakeBatch> batches = new LinkedHashMap<>();
    final List<String> uploads = new ArrayList<>();
    final Map<String, Integer> asked = new LinkedHashMap<>();
    Answers answers = (id, body, attempt) -> ok(id, "{\"beliefs\": []}");
    boolean createTimesOutAfterCreating;
    boolean failValidation;
    int creates;

    Path input(List<String> ids) throws IOException {
      Path file = Files.createTempFile(temp, "in-", ".jsonl");
      List<String> lines = new ArrayList<>();
      for (String id : ids) {
        lines.add(
            BatchLines.request(
                id, new ChatSettings(MODEL, 0.0, 1, 1500).requestBody("[u1] A: " + id, 1500)));
      }
      Files.write(file, lines);
      return file;
    }

    @Override
    public String upload(Path jsonl) throws IOException {
      String id = "file-" + files.size();
      files.put(id, Files.readAllLines(jsonl));
      uploads.add(id);
      return id;
    }

    @Override
    public BatchStatus create(String inputFileId, Map<String, String> metadata)
        throws IOException, ApiErrorException {
      if (!files.containsKey(inputFileId)) {
        throw new ApiErrorException(404, "No such File object", null, null, RateLimitHeaders.NONE);
      }
      FakeBatch batch = new FakeBatch("batch-" + batches.size(), inputFileId, metadata);
      batches.put(batch.id, batch);
      creates++;
      if (createTimesOutAfterCreating) {
        createTimesOutAfterCreating = false;
        throw new SocketTimeoutException("Read timed out");
      }
      return batch.status();
    }

    @Override
    public BatchStatus retrieve(String batchId) throws ApiErrorException {
      FakeBatch batch = batches.get(batchId);
      if (batch == null) {
        throw new ApiErrorException(404, "No batch", null, null, RateLimitHeaders.NONE);
      }
      if (batch.status.equals("validating")) {
        batch.run();
      }
      return batch.status();
    }

    @Override
    public Optional<BatchStatus> find(String key, String value, long createdAfter) {
      List<FakeBatch> newestFirst = new ArrayList<>(batches.values());
      java.util.Collections.reverse(newestFirst);
      return newestFirst.stream()
          .filter(b -> value.equals(b.metadata.get(key)))
          .map(FakeBatch::status)
          .findFirst();
    }

    @Override
    public void readLines(String fileId, LineConsumer lines) throws IOException {
      for (String line : files.get(fileId)) {
        lines.accept(line);
      }
    }

    List<String> customIds(String fileId) {
      return lines(fileId).map(l -> l.get("custom_id").asText()).toList();
    }

    List<Integer> maxTokens(String fileId) {
      return lines(fileId).map(l -> l.path("body").path("max_tokens").asInt()).toList();
    }

    List<Integer> batchSizes() {
      return batches.values().stream().map(b -> files.get(b.inputFileId).size()).toList();
    }

    private Stream<JsonNode> lines(String fileId) {
      return files.get(fileId).stream()
          .map(
              text -> {
                try {
                  return Json.MAPPER.readTree(text);
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
              });
    }

    private final class FakeBatch {
      final String id;
      final String inputFileId;
      final Map<String, String> metadata;
      String status = "validating";
      String outputFileId;
      String errorFileId;
      List<String> errors = List.of();
      long completed;
      long failed;

      FakeBatch(String id, String inputFileId, Map<String, String> metadata) {
        this.id = id;
        this.inputFileId = inputFileId;
        this.metadata = Map.copyOf(metadata);
      }

      void run() {
        if (failValidation) {
          status = "failed";
          errors = List.of("token_limit_exceeded: Enqueued token limit reached");
          return;
        }
        List<String> output = new ArrayList<>();
        List<String> errorLines = new ArrayList<>();
        boolean expired = false;
        for (JsonNode line : lines(inputFileId).toList()) {
          String customId = line.get("custom_id").asText();
          int attempt = asked.merge(customId, 1, Integer::sum);
          String answer = answers.answer(customId, line.get("body"), attempt);
          boolean ok = answer.contains("\"status_code\":200");
          expired |= answer.contains("batch_expired");
          (ok ? output : errorLines).add(answer);
        }
        completed = output.size();
        failed = errorLines.size();
        if (!output.isEmpty()) {
          outputFileId = "out-" + id;
          files.put(outputFileId, output);
        }
        if (!errorLines.isEmpty()) {
          errorFileId = "err-" + id;
          files.put(errorFileId, errorLines);
        }
        status = expired ? "expired" : "completed";
      }

      BatchStatus status() {
        return new BatchStatus(
            id,
            status,
            inputFileId,
            outputFileId,
            errorFileId,
            Instant.now().getEpochSecond(),
            completed + failed,
            completed,
            failed,
            errors,
            metadata);
      }
    }
  }
}
