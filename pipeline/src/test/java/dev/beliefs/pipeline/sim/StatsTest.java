package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /sim/stats} and {@code POST /sim/reset}. */
class StatsTest {

  @Test
  void statsCountRequestsByStatus_billOnlyAnswers_andKeepTheirTimes() throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    String body = SimHttp.chatBody(chunk, 1000);
    long before = System.currentTimeMillis();
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .latency(LatencyModel.fixed(Duration.ofMillis(50)))
                .requestsPerMinute(2)
                .build())) {
      SimHttp http = new SimHttp(simulator);
      SimHttp.Response first = http.chat(body, null);
      SimHttp.Response second = http.chat(body, null);
      http.chat(body, null);
      http.chat("{", null);

      StatsSnapshot stats = simulator.stats();

      assertEquals(4, stats.requests());
      assertEquals(Map.of("200", 2L, "400", 1L, "429", 1L), stats.requestsByStatus());
      long completion =
          first.json().get("usage").get("completion_tokens").asLong()
              + second.json().get("usage").get("completion_tokens").asLong();
      assertEquals(2L * DocumentedCounts.promptTokens(chunk), stats.promptTokensBilled());
      assertEquals(completion, stats.completionTokensBilled());
      assertEquals(4, stats.peakRequestsPerMinute());
      assertEquals(2L * DocumentedCounts.rateLimitCharge(chunk, 1000), stats.peakTokensPerMinute());
      assertEquals(List.of(50L, 50L), stats.serviceTimesMs());
      assertEquals(0, stats.inFlight());
      assertEquals(1, stats.maxInFlight());
      assertTrue(stats.firstRequestEpochMs() >= before);
      assertTrue(stats.lastResponseEpochMs() >= stats.firstRequestEpochMs() + 100);
    }
  }

  @Test
  void getSimStats_isTheSameSnapshotAsSnakeCaseJson() throws Exception {
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      SimHttp http = new SimHttp(simulator);
      http.chat(SimHttp.chatBody(NasaChunks.withBeliefs(), 1000), null);

      SimHttp.Response response = http.get("/sim/stats");

      assertEquals(200, response.status());
      JsonNode json = response.json();
      assertEquals(1, json.get("requests").asInt());
      assertEquals(1, json.get("requests_by_status").get("200").asInt());
      assertTrue(json.get("prompt_tokens_billed").asLong() > 0);
      assertEquals(1, json.get("service_times_ms").size());
      assertEquals(simulator.stats(), Json.MAPPER.readValue(response.text(), StatsSnapshot.class));
    }
  }

  @Test
  void reset_clearsTheStats_refillsTheBudget_andForgetsTheBodiesSeen() throws Exception {
    String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1000);
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0)
                .requestsPerMinute(3)
                .faults(FaultPlan.parse("500:0.5"))
                .seed(3)
                .build())) {
      SimHttp http = new SimHttp(simulator);
      // Injected 500s take no budget: three 200s use it up, and the request after them is a 429.
      List<Integer> before = statuses(http, body, 12);
      assertEquals(3, before.stream().filter(s -> s == 200).count(), before.toString());
      assertTrue(before.contains(500) && before.contains(429), before.toString());

      SimHttp.Response reset = http.post("/sim/reset", "");

      assertEquals(200, reset.status());
      assertEquals(0, reset.json().get("requests").asInt());
      assertNull(simulator.stats().firstRequestEpochMs());
      assertEquals(before, statuses(http, body, 12));
      assertNotNull(simulator.stats().firstRequestEpochMs());
    }
  }

  private static List<Integer> statuses(SimHttp http, String body, int count) throws Exception {
    Integer[] statuses = new Integer[count];
    for (int i = 0; i < count; i++) {
      statuses[i] = http.chat(body, null).status();
    }
    return List.of(statuses);
  }
}
