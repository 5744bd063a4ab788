package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.model.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RPM and TPM limits and their headers, over real HTTP. */
class RateLimitTest {

  private static final List<String> RATE_LIMIT_HEADERS =
      List.of(
          "x-ratelimit-limit-requests",
          "x-ratelimit-limit-tokens",
          "x-ratelimit-remaining-requests",
          "x-ratelimit-remaining-tokens",
          "x-ratelimit-reset-requests",
          "x-ratelimit-reset-tokens");

  @Test
  void givenAnRpm_whenMoreRequestsArriveAtOnce_thenTheRestGet429WithRetryAfterAndTakeNothing()
      throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).requestsPerMinute(5).build())) {
      SimHttp http = new SimHttp(simulator);

      List<CompletableFuture<SimHttp.Response>> sent = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sent.add(http.chatAsync(SimHttp.chatBody(chunk, 1500)));
      }

      List<SimHttp.Response> limited = new ArrayList<>();
      int answered = 0;
      for (CompletableFuture<SimHttp.Response> response : sent) {
        if (response.get().status() == 200) {
          answered++;
        } else {
          limited.add(response.get());
        }
      }
      assertEquals(5, answered);
      assertEquals(3, limited.size());
      for (SimHttp.Response response : limited) {
        assertEquals(429, response.status(), response.text());
        JsonNode error = response.json().get("error");
        assertEquals("requests", error.get("type").asText());
        assertEquals("rate_limit_exceeded", error.get("code").asText());
        assertTrue(
            error.get("message").asText().contains("requests per min (RPM): Limit 5, Used 5"),
            error.toString());
        long retryAfterMs = Long.parseLong(response.header("retry-after-ms"));
        assertTrue(retryAfterMs > 0 && retryAfterMs <= 12_000, "retry-after-ms " + retryAfterMs);
        assertEquals((retryAfterMs + 999) / 1000, Long.parseLong(response.header("retry-after")));
        assertEquals("0", response.header("x-ratelimit-remaining-requests"));
      }
      StatsSnapshot stats = simulator.stats();
      assertEquals(5, stats.withStatus(200));
      assertEquals(3, stats.withStatus(429));
      assertEquals(5L * DocumentedCounts.promptTokens(chunk), stats.promptTokensBilled());
    }
  }

  @Test
  void givenATpm_aRequestTakesItsCharactersOverFourPlusMaxTokens_andOneThatDoesNotFitIs429Tokens()
      throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    long perRequest = DocumentedCounts.rateLimitCharge(chunk, 1000);
    long tpm = perRequest * 5 / 2;
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).tokensPerMinute(tpm).build())) {
      SimHttp http = new SimHttp(simulator);

      SimHttp.Response first = http.chat(SimHttp.chatBody(chunk, 1000), null);
      SimHttp.Response second = http.chat(SimHttp.chatBody(chunk, 1000), null);
      SimHttp.Response third = http.chat(SimHttp.chatBody(chunk, 1000), null);

      assertEquals(200, first.status());
      assertEquals(200, second.status());
      long remainingAfterFirst = Long.parseLong(first.header("x-ratelimit-remaining-tokens"));
      // A minute refills tpm tokens: allow a few seconds' worth for the time the test takes.
      assertWithin(tpm - perRequest, tpm / 60 * 5, remainingAfterFirst);
      assertEquals(429, third.status(), third.text());
      assertEquals("tokens", third.json().get("error").get("type").asText());
      assertNotNull(third.header("retry-after"));
      long remainingAfterSecond = Long.parseLong(second.header("x-ratelimit-remaining-tokens"));
      long remainingAtRefusal = Long.parseLong(third.header("x-ratelimit-remaining-tokens"));
      assertWithin(remainingAfterSecond, tpm / 60 * 5, remainingAtRefusal);
      assertEquals(2, simulator.stats().withStatus(200));
    }
  }

  @Test
  void everyResponse_successOrError_carriesTheRateLimitHeadersInAFormTheClientReads()
      throws Exception {
    String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1500);
    List<SimHttp.Response> responses = new ArrayList<>();
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0)
                .requestsPerMinute(2)
                .tokensPerMinute(1_000_000)
                .apiKey("sk-test")
                .build())) {
      SimHttp http = new SimHttp(simulator);
      responses.add(http.chat(body, "sk-test"));
      responses.add(http.chat("not json", "sk-test"));
      responses.add(http.chat(body, "sk-wrong"));
      responses.add(http.post("/v1/nothing-here", "{}"));
      responses.add(http.chat(body, "sk-test"));
      responses.add(http.chat(body, "sk-test"));
    }
    for (String fault : List.of("500:1", "503:1", "429:1")) {
      try (RunningSimulator simulator =
          Simulator.start(
              SimulatorConfig.builder().timeScale(0).faults(FaultPlan.parse(fault)).build())) {
        responses.add(new SimHttp(simulator).chat(body, null));
      }
    }

    assertEquals(
        List.of(200, 400, 401, 404, 200, 429, 500, 503, 429),
        responses.stream().map(SimHttp.Response::status).toList());
    for (SimHttp.Response response : responses) {
      for (String header : RATE_LIMIT_HEADERS) {
        assertNotNull(response.header(header), header + " on " + response.status());
      }
      Long.parseLong(response.header("x-ratelimit-remaining-tokens"));
      assertNotNull(
          RateLimitHeaders.duration(response.header("x-ratelimit-reset-requests")),
          response.header("x-ratelimit-reset-requests"));
      assertNotNull(RateLimitHeaders.duration(response.header("x-ratelimit-reset-tokens")));
    }
    assertEquals("2", responses.get(0).header("x-ratelimit-limit-requests"));
    assertEquals("1", responses.get(0).header("x-ratelimit-remaining-requests"));
  }

  private static void assertWithin(long expected, long slack, long actual) {
    assertTrue(
        actual >= expected && actual <= expected + slack,
        actual + " not in [" + expected + ", " + (expected + slack) + "]");
  }
}
