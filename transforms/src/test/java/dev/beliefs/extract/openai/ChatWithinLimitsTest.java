package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One request within the budget and the rate limits, against a local server. */
class ChatWithinLimitsTest {

  /** The chunk's 900 prompt tokens uncached and all of max_tokens=800, at gpt-4o-mini prices. */
  private static final BigDecimal WORST_CASE = new BigDecimal("0.000615");

  /** 1,000 prompt and 60 completion tokens at gpt-4o-mini prices. */
  private static final BigDecimal BILLED = new BigDecimal("0.000186");

  /** Room for one request in flight, and for a second once the first is settled at its bill. */
  private final Budget budget = new Budget(new BigDecimal("0.001"));

  private HttpServer server;
  private volatile int status = 200;
  private volatile String body = "";
  private volatile boolean roomWhileInFlight;

  @BeforeEach
  void startServer() throws IOException {
    server = ChatServer.start(this::answer);
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    roomWhileInFlight = budget.tryReserve(WORST_CASE);
    if (roomWhileInFlight) {
      budget.settle(WORST_CASE, BigDecimal.ZERO);
    }
    if (status == 0) {
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("retry-after", "2");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private ChatResponse send(ChunkAttempts attempts) throws Exception {
    OpenAiSettings settings = TeachersChunk.settings(ChatServer.baseUrl(server), 3, "limits-test");
    try (OpenAiClient client =
        new OpenAiClient(
            settings.baseUrl(), "sk-test-dummy", Duration.ofSeconds(2), Duration.ofSeconds(5))) {
      return new ChatWithinLimits(settings, client, new RequestGate(RateLimits.NONE), budget)
          .send(TeachersChunk.CHUNK, 800, attempts);
    }
  }

  @Test
  void theBudgetHoldsTheWorstCaseWhileInFlight_andIsSettledAtTheBillWhenTheAnswerArrives()
      throws Exception {
    body = TeachersChunk.completion("not json", "stop", 1000, 0, 60);

    ChatResponse response = send(ChunkAttempts.unnoted());

    // Settled before anyone judged the answer, which would be asked again.
    assertEquals("not json", response.content());
    assertFalse(roomWhileInFlight);
    assertEquals(0, BILLED.compareTo(budget.spent()), budget.spent().toPlainString());
    assertTrue(budget.tryReserve(WORST_CASE));
  }

  @Test
  void anAnswerThatNeverCame_isSettledAtItsWorstCaseAndCountedLost() {
    status = 0;
    ChunkAttempts attempts = ChunkAttempts.unnoted();

    assertThrows(IOException.class, () -> send(attempts));

    assertEquals(0, WORST_CASE.compareTo(budget.spent()), budget.spent().toPlainString());
    assertEquals(new LostRequests(1, new Usage(900, 0, 800)), attempts.fail("x", "y").lost());
    assertEquals(1, attempts.requests());
  }

  @Test
  void aRateLimitedRequest_costsNothing_andTheNextWaitsWhatTheServerAsked() {
    status = 429;
    body = "{\"error\": {\"message\": \"Rate limit reached\", \"code\": \"rate_limit_exceeded\"}}";
    ChunkAttempts attempts = ChunkAttempts.unnoted();

    ApiErrorException error = assertThrows(ApiErrorException.class, () -> send(attempts));

    assertTrue(error.isRetryable());
    assertEquals(Duration.ofSeconds(2), attempts.retryAfter());
    assertEquals(1, attempts.fail("x", "y").rateLimited());
    assertEquals(0, budget.spent().signum());
  }
}
