package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.cache.InFlightNotes;
import dev.beliefs.extract.cache.RequestTurns;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI extractor with a response cache, against a local server that counts requests. */
class OpenAiExtractorCacheTest {

  private static final Chunk CHUNK = TeachersChunk.CHUNK;
  private static final String ANSWER = TeachersChunk.ANSWER;
  private static final Chunk SAME_TEXT =
      new Chunk(
          "ep-copy",
          "file:/ep-copy.txt",
          CHUNK.level(),
          CHUNK.window(),
          CHUNK.utterances(),
          CHUNK.estimatedPromptTokens());

  @TempDir Path cacheDir;

  private HttpServer server;
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch arrived = new CountDownLatch(1);
  private volatile String content = ANSWER;
  private volatile CountDownLatch hold = new CountDownLatch(0);

  @BeforeEach
  void startServer() throws IOException {
    server = ChatServer.start(this::answer, serverThreads);
  }

  @AfterEach
  void stopServer() {
    hold.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    arrived.countDown();
    try {
      hold.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    var root = Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini-2024-07-18");
    var choice = root.putArray("choices").addObject().put("finish_reason", "stop");
    choice.putObject("message").put("content", content);
    var usage = root.putObject("usage").put("prompt_tokens", 1500).put("completion_tokens", 60);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 1024);
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private OpenAiExtractor extractor() {
    return extractor(new ResponseCache(cacheDir.toString()));
  }

  private OpenAiExtractor extractor(String run) {
    return extractor(new ResponseCache(cacheDir.toString(), run));
  }

  private OpenAiExtractor extractor(ResponseCache cache) {
    OpenAiSettings settings = TeachersChunk.settings(ChatServer.baseUrl(server), 2, "cache-test");
    OpenAiClient client =
        new OpenAiClient(
            settings.baseUrl(), "sk-test-dummy", Duration.ofSeconds(2), Duration.ofSeconds(5));
    return new OpenAiExtractor(
        settings, client, new RequestGate(RateLimits.NONE), new Budget(null), millis -> {}, cache);
  }

  @Test
  void answeredOnce_isNotAskedAgain_andTheHitCarriesTheUsageItWasBilled() throws Exception {
    Extraction live = extractor().extract(CHUNK);
    Extraction cached = extractor().extract(CHUNK);

    assertEquals(1, requests.get());
    assertFalse(live.fromCache());
    assertEquals(1, live.requests());
    assertTrue(cached.fromCache());
    assertEquals(0, cached.requests());
    assertEquals(Usage.NONE, cached.usage());
    assertEquals(new Usage(1500, 1024, 60), cached.savedUsage());
    assertEquals(live.beliefs(), cached.beliefs());
  }

  @Test
  void malformedAnswers_areNotCached() throws Exception {
    content = "{\"beliefs\": \"none\"}";

    assertThrows(ExtractionFailedException.class, () -> extractor().extract(CHUNK));
    content = ANSWER;
    Extraction afterwards = extractor().extract(CHUNK);

    assertEquals(3, requests.get());
    assertFalse(afterwards.fromCache());
  }

  @Test
  void corruptEntry_isCountedAskedAgainAndRepaired() throws Exception {
    extractor().extract(CHUNK);
    try (var files = Files.walk(cacheDir)) {
      for (Path entry : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(entry, "{\"key\": \"");
      }
    }

    Extraction repaired = extractor().extract(CHUNK);
    Extraction cached = extractor().extract(CHUNK);

    assertEquals(2, requests.get());
    assertTrue(repaired.cacheCorrupt());
    assertFalse(repaired.fromCache());
    assertTrue(cached.fromCache());
    assertFalse(cached.cacheCorrupt());
  }

  @Test
  void anAnswerThisRunPaidFor_inAnAttemptARunnerRestarted_isThisRunsCost_notASaving()
      throws Exception {
    Extraction live = extractor("run-1").extract(CHUNK);
    Extraction afterRestart = extractor("run-1").extract(CHUNK);

    assertEquals(1, requests.get());
    assertFalse(afterRestart.fromCache());
    assertEquals(live.usage(), afterRestart.usage());
    assertEquals(live.requests(), afterRestart.requests());
    assertEquals(live.latencyMs(), afterRestart.latencyMs());
    assertEquals(Usage.NONE, afterRestart.savedUsage());
    assertEquals(live.beliefs(), afterRestart.beliefs());
  }

  @Test
  void anAnswerPaidForByAnotherRun_isASaving() throws Exception {
    extractor("run-1").extract(CHUNK);

    Extraction nextRun = extractor("run-2").extract(CHUNK);

    assertEquals(1, requests.get());
    assertTrue(nextRun.fromCache());
    assertFalse(nextRun.deduplicated());
    assertEquals(Usage.NONE, nextRun.usage());
    assertEquals(new Usage(1500, 1024, 60), nextRun.savedUsage());
  }

  @Test
  void anotherChunkOfTheSameTextInTheSameRun_isDeduplicated_notACacheHit() throws Exception {
    extractor("run-1").extract(CHUNK);

    Extraction otherChunk = extractor("run-1").extract(SAME_TEXT);

    assertEquals(1, requests.get());
    assertTrue(otherChunk.deduplicated());
    assertFalse(otherChunk.fromCache());
    assertEquals(0, otherChunk.requests());
    assertEquals(Usage.NONE, otherChunk.usage());
    assertEquals(Usage.NONE, otherChunk.savedUsage());
    assertEquals(1, otherChunk.beliefs().size());
  }

  @Test
  void anIdenticalRequestInFlight_isWaitedFor_andAnsweredByTheFirstOnesAnswer() throws Exception {
    hold = new CountDownLatch(1);
    ResponseCache cache = new ResponseCache(cacheDir.toString(), "run-1");
    String turn = cache.turnKey(key());
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      Future<Extraction> first = workers.submit(() -> extractor(cache).extract(CHUNK));
      arrived.await();
      Future<Extraction> second = workers.submit(() -> extractor(cache).extract(SAME_TEXT));
      RequestTurns.awaitUsers(turn, 2);
      hold.countDown();

      assertFalse(first.get().deduplicated());
      assertTrue(second.get().deduplicated());
    } finally {
      hold.countDown();
      workers.shutdownNow();
    }
    assertEquals(1, requests.get());
    assertEquals(0, RequestTurns.users(turn));
  }

  @Test
  void whileAskedARequestIsNoted_andOnceSettledTheNoteIsGone() throws Exception {
    hold = new CountDownLatch(1);
    ExecutorService workers = Executors.newSingleThreadExecutor();
    try {
      Future<Extraction> asking = workers.submit(() -> extractor("run-1").extract(CHUNK));
      arrived.await();
      Optional<InFlightNotes.Asking> note =
          new ResponseCache(cacheDir.toString(), "run-1").inFlight().unanswered(key(), CHUNK.id());
      hold.countDown();
      asking.get();

      assertEquals(
          Optional.of(
              new InFlightNotes.Asking(
                  "run-1", CHUNK.id(), Usage.NONE, 1, 0, LostRequests.NONE, 900, 800)),
          note);
    } finally {
      hold.countDown();
      workers.shutdownNow();
    }
    assertEquals(List.of(), notes());
  }

  @Test
  void aCallTheRunnerAbandonsInFlight_keepsItsNote_andTheNextAttemptCountsItLost()
      throws Exception {
    hold = new CountDownLatch(1);
    OpenAiSettings settings = TeachersChunk.settings(ChatServer.baseUrl(server), 2, "cache-test");
    OpenAiClient client =
        new OpenAiClient(
            settings.baseUrl(), "sk-test-dummy", Duration.ofSeconds(2), Duration.ofSeconds(30));
    OpenAiExtractor abandoned =
        new OpenAiExtractor(
            settings,
            client,
            new RequestGate(RateLimits.NONE),
            new Budget(null),
            millis -> {},
            new ResponseCache(cacheDir.toString(), "run-1"));
    ExecutorService workers = Executors.newSingleThreadExecutor();
    Future<Extraction> asking = workers.submit(() -> abandoned.extract(CHUNK));
    arrived.await();
    // What a cancelled task's release does: interrupt the call's thread, close its connections.
    workers.shutdownNow();
    client.close();
    assertThrows(ExecutionException.class, asking::get);
    hold.countDown();

    Extraction restarted = extractor("run-1").extract(CHUNK);

    assertEquals(2, requests.get());
    assertEquals(new LostRequests(1, new Usage(900, 0, 800)), restarted.lost());
    assertEquals(List.of(), notes());
  }

  @Test
  void aRequestLostWithAnEarlierAttemptOfThisRun_isCountedWithItsWorstCaseAndItsBill()
      throws Exception {
    // What a worker that died with the chunk's second request in flight leaves behind.
    InFlightNotes notes = new ResponseCache(cacheDir.toString(), "run-1").inFlight();
    notes.asking(
        key(),
        new InFlightNotes.Asking(
            "run-1", CHUNK.id(), new Usage(1000, 0, 5), 2, 0, LostRequests.NONE, 900, 800));

    Extraction restarted = extractor("run-1").extract(CHUNK);

    assertEquals(1, requests.get());
    assertEquals(3, restarted.requests());
    assertEquals(new Usage(2500, 1024, 65), restarted.usage());
    assertEquals(new LostRequests(1, new Usage(900, 0, 800)), restarted.lost());
    assertEquals(List.of(), notes());
  }

  @Test
  void aNoteOfAnotherRun_isNotALossOfThisOne() throws Exception {
    new ResponseCache(cacheDir.toString(), "run-1")
        .inFlight()
        .asking(
            key(),
            new InFlightNotes.Asking(
                "run-1", CHUNK.id(), Usage.NONE, 1, 0, LostRequests.NONE, 900, 800));

    Extraction extraction = extractor("run-2").extract(CHUNK);

    assertEquals(LostRequests.NONE, extraction.lost());
    assertEquals(1, extraction.requests());
  }

  @Test
  void aNoteOfAnotherChunkOfTheSameText_isNotALossOfThisOne() throws Exception {
    new ResponseCache(cacheDir.toString(), "run-1")
        .inFlight()
        .asking(
            key(),
            new InFlightNotes.Asking(
                "run-1", SAME_TEXT.id(), Usage.NONE, 1, 0, LostRequests.NONE, 900, 800));

    Extraction extraction = extractor("run-1").extract(CHUNK);

    assertEquals(LostRequests.NONE, extraction.lost());
    assertEquals(1, extraction.requests());
  }

  private static String key() {
    return ResponseCache.key(
        new ChatSettings("gpt-4o-mini", 0.0, 42L, 800).requestBody(CHUNK.text(), 800));
  }

  private List<Path> notes() throws IOException {
    Path dir = cacheDir.resolve(ResponseCache.IN_FLIGHT);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    }
  }
}
