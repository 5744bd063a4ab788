package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Talks to a local HTTP server that speaks the OpenAI wire format, scripted per test. */
class OpenAiExtractorTest {

  private static final Chunk CHUNK = TeachersChunk.CHUNK;
  private static final String ANSWER = TeachersChunk.ANSWER;
  private static final ModelPrice MINI = TeachersChunk.MINI;

  private HttpServer server;
  private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new ArrayList<>();

  private record Reply(int status, String body, String retryAfter, Map<String, String> headers) {
    Reply(int status, String body, String retryAfter) {
      this(status, body, retryAfter, Map.of());
    }
  }

  private record Received(String authorization, JsonNode body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = ChatServer.start(this::answer);
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private synchronized void answer(HttpExchange exchange) throws IOException {
    received.add(
        new Received(
            exchange.getRequestHeaders().getFirst("Authorization"),
            Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes())));
    Reply reply = replies.pollFirst();
    if (reply.status == 0) {
      // The connection drops after the request arrived: the server may have billed it.
      exchange.close();
      return;
    }
    if (reply.retryAfter != null) {
      exchange.getResponseHeaders().add("retry-after", reply.retryAfter);
    }
    reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static String completion(
      String content, String finishReason, long prompt, long cached, long completion) {
    return TeachersChunk.completion(content, finishReason, prompt, cached, completion);
  }

  private static String error(String type, String code, String message) {
    return "{\"error\": {\"message\": \""
        + message
        + "\", \"type\": \""
        + type
        + "\", \"param\": null, \"code\": \""
        + code
        + "\"}}";
  }

  private OpenAiExtractor extractor(int maxAttempts, List<Long> sleeps) {
    return extractor(maxAttempts, sleeps, new Budget(null));
  }

  private OpenAiExtractor extractor(int maxAttempts, List<Long> sleeps, Budget budget) {
    OpenAiSettings settings =
        TeachersChunk.settings(ChatServer.baseUrl(server), maxAttempts, "test");
    OpenAiClient client =
        new OpenAiClient(
            settings.baseUrl(),
            settings.apiKeySource().apiKey(),
            settings.connectTimeout(),
            settings.readTimeout());
    return new OpenAiExtractor(
        settings, client, new RequestGate(RateLimits.NONE), budget, sleeps::add);
  }

  @Test
  void requestCarriesStrictSchemaTemperatureSeedMaxTokensAndBearerKey() throws Exception {
    replies.add(new Reply(200, completion(ANSWER, "stop", 1500, 1024, 60), null));

    extractor(3, new ArrayList<>()).extract(CHUNK);

    Received request = received.get(0);
    assertEquals("Bearer sk-test-dummy", request.authorization());
    JsonNode body = request.body();
    assertEquals("gpt-4o-mini", body.get("model").asText());
    assertEquals(0.0, body.get("temperature").asDouble());
    assertEquals(42, body.get("seed").asLong());
    assertEquals(800, body.get("max_tokens").asInt());
    assertEquals("system", body.at("/messages/0/role").asText());
    assertEquals(ExtractionPrompt.system(), body.at("/messages/0/content").asText());
    assertTrue(body.at("/messages/1/content").asText().contains("[u7] Kay: I think teachers"));
    assertEquals("json_schema", body.at("/response_format/type").asText());
    assertTrue(body.at("/response_format/json_schema/strict").asBoolean());
    assertEquals(ExtractionPrompt.schema(), body.at("/response_format/json_schema/schema"));
  }

  @Test
  void usageIsAccounted_cachedTokensAtTheCachedPrice() throws Exception {
    replies.add(new Reply(200, completion(ANSWER, "stop", 1500, 1024, 60), null));

    Extraction extraction = extractor(3, new ArrayList<>()).extract(CHUNK);

    assertEquals(new Usage(1500, 1024, 60), extraction.usage());
    assertEquals(1, extraction.requests());
    assertEquals(1, extraction.beliefs().size());
    // 476 x $0.15/M + 1,024 x $0.075/M + 60 x $0.60/M = 71.4 + 76.8 + 36 micro-dollars
    BigDecimal cost =
        PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow().cost(extraction.usage());
    assertEquals(new BigDecimal("0.0001842"), cost);
  }

  @Test
  void rateLimitedThenServerErrorThenMalformed_areRetriedAndEveryBilledAttemptCounts()
      throws Exception {
    replies.add(
        new Reply(429, error("requests", "rate_limit_exceeded", "Rate limit reached"), "2"));
    replies.add(new Reply(500, error("server_error", "internal", "boom"), null));
    replies.add(new Reply(200, completion("{\"beliefs\": [", "stop", 1000, 0, 5), null));
    replies.add(new Reply(200, completion(ANSWER, "stop", 1000, 0, 60), null));
    List<Long> sleeps = new ArrayList<>();

    Extraction extraction = extractor(6, sleeps).extract(CHUNK);

    assertEquals(4, extraction.requests());
    assertEquals(1, extraction.rateLimited());
    assertEquals(new Usage(2000, 0, 65), extraction.usage());
    assertEquals(3, sleeps.size());
    assertEquals(2000L, sleeps.get(0), "Retry-After of the 429 is honoured");
  }

  @Test
  void answerCutOffAtMaxTokens_isRetriedOnceWithTwiceTheTokens() throws Exception {
    replies.add(new Reply(200, completion("{\"beliefs\": [{\"spea", "length", 1000, 0, 800), null));
    replies.add(new Reply(200, completion(ANSWER, "stop", 1000, 0, 60), null));

    Extraction extraction = extractor(6, new ArrayList<>()).extract(CHUNK);

    assertEquals(2, extraction.requests());
    assertEquals(800, received.get(0).body().get("max_tokens").asInt());
    assertEquals(1600, received.get(1).body().get("max_tokens").asInt());
  }

  @Test
  void unauthorized_failsAtOnceWithoutRetrying() {
    replies.add(
        new Reply(
            401,
            error("invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
            null));

    ExtractionFailedException failure =
        assertThrows(
            ExtractionFailedException.class, () -> extractor(6, new ArrayList<>()).extract(CHUNK));

    assertEquals("http_401", failure.reason());
    assertEquals(1, failure.requests());
    assertTrue(failure.getMessage().contains("Incorrect API key"), failure.getMessage());
  }

  @Test
  void unauthorized_stopsTheRunsOtherRequestsBeforeTheyAreSent() {
    replies.add(
        new Reply(
            401,
            error("invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
            null));
    OpenAiExtractor extractor = extractor(6, new ArrayList<>());
    assertThrows(ExtractionFailedException.class, () -> extractor.extract(CHUNK));

    ExtractionFailedException next =
        assertThrows(ExtractionFailedException.class, () -> extractor.extract(CHUNK));

    assertEquals(1, received.size());
    assertEquals("http_401", next.reason());
    assertEquals(0, next.requests());
    assertTrue(next.getMessage().startsWith("not sent: "), next.getMessage());
  }

  @Test
  void insufficientQuota_isNotRetried_andNoOtherRequestOfTheRunIsSent() {
    replies.add(
        new Reply(
            429,
            error("insufficient_quota", "insufficient_quota", "You exceeded your current quota"),
            null));
    List<Long> sleeps = new ArrayList<>();
    OpenAiExtractor extractor = extractor(6, sleeps);

    ExtractionFailedException first =
        assertThrows(ExtractionFailedException.class, () -> extractor.extract(CHUNK));
    ExtractionFailedException next =
        assertThrows(ExtractionFailedException.class, () -> extractor.extract(CHUNK));

    assertEquals("insufficient_quota", first.reason());
    assertEquals(1, first.requests());
    assertEquals(List.of(), sleeps, "no wait for a retry");
    assertEquals("insufficient_quota", next.reason());
    assertEquals(0, next.requests());
    assertEquals(1, received.size());
    assertTrue(next.getMessage().contains("You exceeded your current quota"), next.getMessage());
  }

  @Test
  void anAnswerThatNeverCame_isCountedLostWithTheMostItCanCost() throws Exception {
    replies.add(new Reply(0, "", null));
    replies.add(new Reply(200, completion(ANSWER, "stop", 1000, 0, 60), null));

    Extraction extraction = extractor(3, new ArrayList<>()).extract(CHUNK);

    assertEquals(2, extraction.requests());
    assertEquals(new Usage(1000, 0, 60), extraction.usage());
    // The chunk's 900 prompt tokens uncached and all of max_tokens=800.
    assertEquals(new LostRequests(1, new Usage(900, 0, 800)), extraction.lost());
  }

  @Test
  void aServerThatCannotBeReached_losesNothing() {
    server.stop(0);

    ExtractionFailedException failure =
        assertThrows(
            ExtractionFailedException.class, () -> extractor(2, new ArrayList<>()).extract(CHUNK));

    assertEquals("connection", failure.reason());
    assertEquals(2, failure.requests());
    assertEquals(LostRequests.NONE, failure.lost());
  }

  @Test
  void persistentServerErrors_failAfterTheLastAttemptKeepingWhatWasBilled() {
    for (int i = 0; i < 3; i++) {
      replies.add(new Reply(200, completion("not json", "stop", 100, 0, 3), null));
    }

    ExtractionFailedException failure =
        assertThrows(
            ExtractionFailedException.class, () -> extractor(3, new ArrayList<>()).extract(CHUNK));

    assertEquals("malformed_answer", failure.reason());
    assertEquals(3, failure.requests());
    assertEquals(new Usage(300, 0, 9), failure.billed());
  }

  @Test
  void rateLimitedWithoutRetryAfter_waitsForTheExhaustedLimitsReset() throws Exception {
    replies.add(
        new Reply(
            429,
            error("tokens", "rate_limit_exceeded", "Rate limit reached"),
            null,
            Map.of(
                "x-ratelimit-remaining-tokens",
                "0",
                "x-ratelimit-reset-tokens",
                "1.5s",
                "x-ratelimit-remaining-requests",
                "10",
                "x-ratelimit-reset-requests",
                "20ms")));
    replies.add(new Reply(200, completion(ANSWER, "stop", 1000, 0, 60), null));
    List<Long> sleeps = new ArrayList<>();

    extractor(6, sleeps).extract(CHUNK);

    assertEquals(List.of(1500L), sleeps);
  }

  @Test
  void budgetThatCannotCoverTheWorstCase_sendsNothingAndFailsAsBudgetExhausted() {
    // Worst case of one attempt: 900 prompt tokens uncached + 800 completion tokens at gpt-4o-mini
    // prices = 135 + 480 micro-dollars; a cap of 600 micro-dollars cannot cover it.
    Budget budget = new Budget(new BigDecimal("0.0006"));

    ExtractionFailedException failure =
        assertThrows(
            ExtractionFailedException.class,
            () -> extractor(3, new ArrayList<>(), budget).extract(CHUNK));

    assertEquals("budget_exhausted", failure.reason());
    assertEquals(0, failure.requests());
    assertEquals(List.of(), received);
  }

  @Test
  void budget_countsEveryBilledAttemptIncludingMalformedAnswers() throws Exception {
    replies.add(new Reply(200, completion("not json", "stop", 1000, 0, 10), null));
    replies.add(new Reply(200, completion(ANSWER, "stop", 1000, 0, 60), null));
    Budget budget = new Budget(new BigDecimal("1"));

    extractor(3, new ArrayList<>(), budget).extract(CHUNK);

    // 2,000 prompt tokens x $0.15/M + 70 completion tokens x $0.60/M
    assertEquals(
        0, new BigDecimal("0.000342").compareTo(budget.spent()), budget.spent().toPlainString());
  }
}
