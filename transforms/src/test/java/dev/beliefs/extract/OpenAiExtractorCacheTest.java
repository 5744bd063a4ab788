package dev.beliefs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI extractor with a response cache, against a local server that counts requests. */
class OpenAiExtractorCacheTest {

  private static final Chunk CHUNK = TeachersChunk.CHUNK;
  private static final String ANSWER = TeachersChunk.ANSWER;

  @TempDir Path cacheDir;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String content = ANSWER;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
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
    OpenAiSettings settings =
        TeachersChunk.settings(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", 2, "cache-test");
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
  void anAnswerPaidForByAnotherRun_orForAnotherChunkOfTheSameText_isASaving() throws Exception {
    Chunk sameText =
        new Chunk(
            "ep-rerun",
            "file:/ep-rerun.txt",
            CHUNK.level(),
            CHUNK.window(),
            CHUNK.utterances(),
            CHUNK.estimatedPromptTokens());
    extractor("run-1").extract(CHUNK);

    Extraction nextRun = extractor("run-2").extract(CHUNK);
    Extraction otherChunk = extractor("run-1").extract(sameText);

    assertEquals(1, requests.get());
    assertTrue(nextRun.fromCache());
    assertTrue(otherChunk.fromCache());
    assertEquals(Usage.NONE, otherChunk.usage());
    assertEquals(new Usage(1500, 1024, 60), otherChunk.savedUsage());
  }
}
