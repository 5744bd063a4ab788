package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.MalformedAnswerException;
import dev.beliefs.model.Chunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Injected faults over real HTTP. */
class FaultInjectionTest {

  @Test
  void theSameSeedAndRequestsGiveTheSameOutcomes_andAnotherSeedOtherOnes() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (Chunk chunk : NasaChunks.all().subList(0, 8)) {
      bodies.add(SimHttp.chatBody(chunk, 1500));
    }
    String spec = "429:0.15,500:0.15,503:0.1,malformed:0.15,truncated:0.1";

    List<String> first = outcomes(spec, 7, bodies);
    List<String> again = outcomes(spec, 7, bodies);
    List<String> otherSeed = outcomes(spec, 8, bodies);

    assertEquals(first, again);
    assertNotEquals(first, otherSeed);
    assertEquals(
        List.of(
            "200:malformed",
            "200:truncated",
            "200:malformed",
            "500",
            "429",
            "500",
            "200:ok",
            "200:truncated",
            "500",
            "429",
            "429",
            "200:truncated",
            "503",
            "500",
            "200:truncated",
            "200:truncated",
            "200:ok",
            "200:malformed",
            "429",
            "200:malformed",
            "500",
            "200:ok",
            "500",
            "200:ok"),
        first);
  }

  @Test
  void aTimeoutHoldsTheRequestPastTheClientsReadTimeout_thenDropsIt_unbilled() throws Exception {
    Duration faultTimeout = Duration.ofSeconds(1);
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0)
                .faults(FaultPlan.parse("timeout:1"))
                .faultTimeout(faultTimeout)
                .build())) {
      SimHttp http = new SimHttp(simulator);
      long sent = System.nanoTime();

      // The client's 300 ms run out first unless the machine is too busy to tell it in time; then
      // the simulator's drop ends the request. Either way no answer comes.
      assertThrows(
          IOException.class,
          () ->
              http.chatWithTimeout(
                  SimHttp.chatBody(NasaChunks.withBeliefs(), 1500), Duration.ofMillis(300)));

      StatsSnapshot stats = awaitNothingInFlight(simulator);
      Duration held = Duration.ofNanos(System.nanoTime() - sent);
      assertTrue(held.compareTo(faultTimeout) >= 0, "held past the client's timeout: " + held);
      assertEquals(1, stats.requestsByStatus().get("timeout"));
      assertEquals(0, stats.promptTokensBilled());
      assertEquals(0, stats.completionTokensBilled());
    }
  }

  @Test
  void malformed_isA200WhoseContentIsNotJson_billedForWhatItSaid() throws Exception {
    try (RunningSimulator simulator = withFaults("malformed:1")) {
      SimHttp.Response response =
          new SimHttp(simulator).chat(SimHttp.chatBody(NasaChunks.withBeliefs(), 1500), null);

      assertEquals(200, response.status());
      assertThrows(MalformedAnswerException.class, () -> BeliefAnswer.parse(response.content()));
      JsonNode usage = response.json().get("usage");
      assertTrue(DocumentedCounts.completionAddsUp(usage, response.content()), usage.toString());
      assertEquals(
          usage.get("completion_tokens").asLong(), simulator.stats().completionTokensBilled());
      assertEquals(usage.get("prompt_tokens").asLong(), simulator.stats().promptTokensBilled());
    }
  }

  @Test
  void truncated_isA200CutAtMaxTokensWithFinishReasonLength_billedAsMaxTokens() throws Exception {
    try (RunningSimulator simulator = withFaults("truncated:1")) {
      SimHttp.Response response =
          new SimHttp(simulator).chat(SimHttp.chatBody(NasaChunks.withBeliefs(), 40), null);

      assertEquals(200, response.status());
      JsonNode choice = response.json().get("choices").get(0);
      assertEquals("length", choice.get("finish_reason").asText());
      assertEquals(40, response.json().get("usage").get("completion_tokens").asInt());
      assertThrows(MalformedAnswerException.class, () -> BeliefAnswer.parse(response.content()));
      assertTrue(DocumentedCounts.tokens(response.content()) <= 41, response.content());
      assertEquals(40, simulator.stats().completionTokensBilled());
    }
  }

  @Test
  void withoutAFault_anAnswerLongerThanMaxTokensIsCutThereToo() throws Exception {
    try (RunningSimulator simulator = withFaults("")) {
      SimHttp.Response response =
          new SimHttp(simulator).chat(SimHttp.chatBody(NasaChunks.withBeliefs(), 16), null);

      assertEquals("length", response.json().get("choices").get(0).get("finish_reason").asText());
      assertEquals(16, response.json().get("usage").get("completion_tokens").asInt());
    }
  }

  @Test
  void injectedErrorsHaveOpenAisBodies_andAnInjected429ARetryAfter() throws Exception {
    String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1500);
    SimHttp.Response tooMany;
    SimHttp.Response serverError;
    SimHttp.Response overloaded;
    try (RunningSimulator simulator = withFaults("429:1")) {
      tooMany = new SimHttp(simulator).chat(body, null);
      assertEquals(0, simulator.stats().promptTokensBilled());
      assertEquals(1, simulator.stats().faultsInjected().get("429"));
    }
    try (RunningSimulator simulator = withFaults("500:1")) {
      serverError = new SimHttp(simulator).chat(body, null);
    }
    try (RunningSimulator simulator = withFaults("503:1")) {
      overloaded = new SimHttp(simulator).chat(body, null);
    }

    assertEquals(429, tooMany.status());
    assertEquals("rate_limit_exceeded", tooMany.json().get("error").get("code").asText());
    assertNotNull(tooMany.header("retry-after"));
    assertNotNull(tooMany.header("retry-after-ms"));
    assertEquals(500, serverError.status());
    assertEquals("server_error", serverError.json().get("error").get("type").asText());
    assertEquals(503, overloaded.status());
    assertTrue(overloaded.json().get("error").get("message").asText().contains("overloaded"));
  }

  private static RunningSimulator withFaults(String spec) throws Exception {
    return Simulator.start(
        SimulatorConfig.builder().timeScale(0).faults(FaultPlan.parse(spec)).seed(1).build());
  }

  /** Each body sent three times in turn; an outcome is the status and how the answer ended. */
  private static List<String> outcomes(String spec, long seed, List<String> bodies)
      throws Exception {
    List<String> outcomes = new ArrayList<>();
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder()
                .timeScale(0)
                .faults(FaultPlan.parse(spec))
                .seed(seed)
                .build())) {
      SimHttp http = new SimHttp(simulator);
      for (int round = 0; round < 3; round++) {
        for (String body : bodies) {
          SimHttp.Response response = http.chat(body, null);
          outcomes.add(response.status() == 200 ? "200:" + kind(response) : "" + response.status());
        }
      }
    }
    return outcomes;
  }

  private static String kind(SimHttp.Response response) {
    if (response.json().get("choices").get(0).get("finish_reason").asText().equals("length")) {
      return "truncated";
    }
    try {
      BeliefAnswer.parse(response.content());
      return "ok";
    } catch (MalformedAnswerException e) {
      return "malformed";
    }
  }

  private static StatsSnapshot awaitNothingInFlight(RunningSimulator simulator)
      throws InterruptedException {
    // A guard against a hang, not a measure of speed.
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (simulator.stats().inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return simulator.stats();
  }
}
