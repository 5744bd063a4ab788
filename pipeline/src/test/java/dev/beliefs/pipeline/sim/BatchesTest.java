package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.beliefs.extract.batch.BatchLines;
import dev.beliefs.extract.batch.BatchStatus;
import dev.beliefs.extract.batch.HttpBatchApi;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's Files and Batch APIs over HTTP, read by the official OpenAI SDK (with strict
 * response validation) and by the project's own client.
 */
class BatchesTest {

  /** A guard against a hang, not a measure of speed. */
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  @TempDir Path temp;

  @Test
  void theSdkUploadsAFile_createsABatch_andReadsOneAnswerPerLine() throws Exception {
    List<Chunk> chunks = NasaChunks.all().subList(0, 3);
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).apiKey("sk-test").build())) {
      OpenAIClient client =
          OpenAIOkHttpClient.builder()
              .baseUrl(simulator.baseUrl())
              .apiKey("sk-test")
              .maxRetries(0)
              .responseValidation(true)
              .build();

      FileObject file =
          client
              .files()
              .create(
                  FileCreateParams.builder()
                      .file(input(chunks).getBytes(StandardCharsets.UTF_8))
                      .purpose(FilePurpose.BATCH)
                      .build());
      Batch batch =
          client
              .batches()
              .create(
                  BatchCreateParams.builder()
                      .inputFileId(file.id())
                      .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                      .completionWindow(BatchCreateParams.CompletionWindow._24H)
                      .build());
      assertEquals(Batch.Status.VALIDATING, batch.status());
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!batch.status().equals(Batch.Status.COMPLETED) && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
        batch = client.batches().retrieve(batch.id());
      }

      assertEquals(FileObject.Purpose.BATCH, file.purpose());
      assertEquals(Batch.Status.COMPLETED, batch.status());
      assertEquals(3, batch.requestCounts().orElseThrow().completed());
      assertTrue(batch.errorFileId().isEmpty());
      String output;
      try (HttpResponse content = client.files().content(batch.outputFileId().orElseThrow())) {
        output = new String(content.body().readAllBytes(), StandardCharsets.UTF_8);
      }
      Set<String> answered = new TreeSet<>();
      long prompt = 0;
      long completion = 0;
      for (String text : output.strip().split("\n")) {
        BatchLines.Answered line = (BatchLines.Answered) BatchLines.parse(text);
        answered.add(line.customId());
        BeliefAnswer.parse(line.response().content());
        assertTrue(
            DocumentedCounts.tokens(line.response().content())
                <= line.response().usage().completionTokens());
        prompt += line.response().usage().promptTokens();
        completion += line.response().usage().completionTokens();
      }
      assertEquals(new TreeSet<>(chunks.stream().map(Chunk::id).toList()), answered);
      assertEquals(
          chunks.stream().mapToLong(DocumentedCounts::promptTokens).sum(),
          prompt,
          "billed as OpenAI documents it, uncached");
      StatsSnapshot stats = simulator.stats();
      assertEquals(1, stats.filesUploaded());
      assertEquals(1, stats.batchesCreated());
      assertEquals(3, stats.batchRequests());
      assertEquals(Map.of("200", 3L), stats.batchRequestsByStatus());
      assertEquals(prompt, stats.batchPromptTokensBilled());
      assertEquals(completion, stats.batchCompletionTokensBilled());
      assertEquals(0, stats.requests(), "a batch is not an online request");
    }
  }

  @Test
  void faultsGoToTheErrorFile_andATimedOutRequestExpiresTheBatch() throws Exception {
    List<Chunk> chunks = NasaChunks.all().subList(0, 40);
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0.001)
                .faults(FaultPlan.parse("500:0.2,429:0.1,timeout:0.1,malformed:0.1"))
                .seed(3)
                .build())) {
      HttpBatchApi api = api(simulator);

      BatchStatus batch = await(api, api.create(api.upload(file(chunks)), Map.of()).id());

      assertEquals("expired", batch.status());
      List<BatchLines.Line> lines = new ArrayList<>();
      api.readLines(batch.outputFileId(), text -> lines.add(BatchLines.parse(text)));
      long answered = lines.size();
      api.readLines(batch.errorFileId(), text -> lines.add(BatchLines.parse(text)));
      assertEquals(chunks.size(), lines.size());
      assertEquals(answered, batch.completed());
      assertEquals(chunks.size() - answered, batch.failed());
      Set<String> reasons = new TreeSet<>();
      for (BatchLines.Line line : lines.subList((int) answered, lines.size())) {
        BatchLines.Failed failed = (BatchLines.Failed) line;
        assertTrue(failed.retryable(), failed.toString());
        reasons.add(failed.reason());
      }
      assertEquals(Set.of("batch_expired", "http_500", "rate_limited"), reasons);
      StatsSnapshot stats = simulator.stats();
      assertEquals(chunks.size(), stats.batchRequests());
      assertTrue(stats.batchRequestsByStatus().get("expired") > 0);
      assertTrue(stats.faultsInjected().get("malformed") > 0, stats.faultsInjected().toString());
    }
  }

  @Test
  void aFileWithBadLinesFailsValidation_namingEachLine() throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    String good = request(chunk.id(), chunk);
    String input =
        good
            + "\n"
            + good
            + "\n"
            + good.replace("\"/v1/chat/completions\"", "\"/v1/embeddings\"")
                .replace(chunk.id(), "b")
            + "\nnot json\n";
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).build())) {
      HttpBatchApi api = api(simulator);
      Path file = temp.resolve("bad.jsonl");
      Files.writeString(file, input);

      BatchStatus batch = await(api, api.create(api.upload(file), Map.of()).id());

      assertEquals("failed", batch.status());
      assertNull(batch.outputFileId());
      assertEquals(3, batch.errors().size(), batch.errors().toString());
      assertTrue(batch.errors().get(0).startsWith("duplicate_custom_id"), batch.errors().get(0));
      assertTrue(batch.errors().get(0).endsWith("(line 2)"), batch.errors().get(0));
      assertTrue(batch.errors().get(1).startsWith("mismatched_url"));
      assertTrue(batch.errors().get(2).startsWith("invalid_json_line"));
    }
  }

  @Test
  void aBatchOverTheRequestLimitFailsValidation() throws Exception {
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0.001).maxBatchRequests(2).build())) {
      HttpBatchApi api = api(simulator);

      BatchStatus batch =
          await(api, api.create(api.upload(file(NasaChunks.all().subList(0, 3))), Map.of()).id());

      assertEquals("failed", batch.status());
      assertTrue(batch.errors().get(0).startsWith("too_many_requests"), batch.errors().toString());
      assertEquals(0, simulator.stats().batchRequests());
    }
  }

  @Test
  void batchesAreListedNewestFirst_andFoundByTheirMetadata() throws Exception {
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(1).build())) {
      HttpBatchApi api = api(simulator);
      String file = api.upload(file(NasaChunks.all().subList(0, 1)));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        ids.add(api.create(file, Map.of("beliefs_record", "r" + i)).id());
      }

      BatchStatus first = api.find("beliefs_record", "r0", 0).orElseThrow();
      BatchStatus last = api.find("beliefs_record", "r100", 0).orElseThrow();

      assertEquals(ids.get(0), first.id());
      assertEquals(ids.get(100), last.id());
      assertEquals(Map.of("beliefs_record", "r0"), first.metadata());
      assertTrue(api.find("beliefs_record", "r-none", 0).isEmpty());
      assertTrue(
          api.find("beliefs_record", "r0", Instant.now().getEpochSecond() + 60).isEmpty(),
          "older batches than asked for are not looked through");
    }
  }

  @Test
  void aCancelledBatchEndsWithoutAnswers() throws Exception {
    // At full scale the batch would run for a minute: the cancel always comes first.
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(1).build())) {
      HttpBatchApi api = api(simulator);
      String id = api.create(api.upload(file(NasaChunks.all().subList(0, 2))), Map.of()).id();

      java.net.http.HttpResponse<String> cancel =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(simulator.baseUrl() + "/batches/" + id + "/cancel"))
                      .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      BatchStatus batch = await(api, id);

      assertEquals(200, cancel.statusCode());
      assertEquals("cancelling", Json.MAPPER.readTree(cancel.body()).path("status").asText());
      assertEquals("cancelled", batch.status());
      assertNull(batch.outputFileId());
      assertEquals(0, simulator.stats().batchRequests());
    }
  }

  @Test
  void withAnApiKey_filesAndBatchesRefuseAnyOther() throws Exception {
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).apiKey("sk-test").build())) {
      HttpBatchApi wrongKey =
          new HttpBatchApi(
              simulator.baseUrl(), "sk-other", Duration.ofSeconds(5), Duration.ofSeconds(5));

      ApiErrorException upload =
          assertThrows(
              ApiErrorException.class, () -> wrongKey.upload(file(NasaChunks.all().subList(0, 1))));
      ApiErrorException retrieve =
          assertThrows(ApiErrorException.class, () -> wrongKey.retrieve("batch_sim1"));

      assertEquals(401, upload.status());
      assertEquals(401, retrieve.status());
      assertEquals(0, simulator.stats().filesUploaded());
    }
  }

  private static HttpBatchApi api(RunningSimulator simulator) {
    return new HttpBatchApi(
        simulator.baseUrl(), "sk-test", Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private static BatchStatus await(HttpBatchApi api, String id) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    BatchStatus batch = api.retrieve(id);
    while (!batch.terminal()) {
      assertTrue(Instant.now().isBefore(deadline), "still " + batch.status());
      Thread.sleep(20);
      batch = api.retrieve(id);
    }
    return batch;
  }

  private Path file(List<Chunk> chunks) throws IOException {
    Path file = Files.createTempFile(temp, "batch-", ".jsonl");
    Files.writeString(file, input(chunks));
    return file;
  }

  private static String input(List<Chunk> chunks) {
    StringBuilder lines = new StringBuilder();
    for (Chunk chunk : chunks) {
      lines.append(request(chunk.id(), chunk)).append('\n');
    }
    return lines.toString();
  }

  private static String request(String customId, Chunk chunk) {
    return BatchLines.request(
        customId, new ChatSettings(SimHttp.MODEL, 0.0, 1, 1500).requestBody(chunk.text(), 1500));
  }
}
