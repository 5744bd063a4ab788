package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchRequestsTest {

  private final SimulatorStats stats = new SimulatorStats(0, 0);

  @Test
  void aLineIsAnsweredAsTheOnlineEndpointAnswers_andBilledAsABatchRequest() throws Exception {
    JsonNode result = requests("").answer(line("chunk-1"));

    JsonNode response = result.path("response");
    JsonNode usage = response.path("body").path("usage");
    StatsSnapshot billed = stats.snapshot();
    assertEquals("batch_req_sim1", result.path("id").asText());
    assertEquals("chunk-1", result.path("custom_id").asText());
    assertTrue(result.path("error").isNull());
    assertEquals(200, response.path("status_code").asInt());
    assertEquals("req_simb1", response.path("request_id").asText());
    assertEquals("chatcmpl-simb1", response.path("body").path("id").asText());
    assertEquals("chat.completion", response.path("body").path("object").asText());
    assertEquals(0, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    assertEquals(Map.of("200", 1L), billed.batchRequestsByStatus());
    assertEquals(usage.path("prompt_tokens").asLong(), billed.batchPromptTokensBilled());
    assertEquals(usage.path("completion_tokens").asLong(), billed.batchCompletionTokensBilled());
    assertEquals(0, billed.requests(), "a batch line is not an online request");
  }

  @Test
  void aBodyThatIsNotAChatRequest_isAnsweredWithOpenAisError() {
    JsonNode result =
        requests("").answer(new BatchInput.Line("bad", "{}".getBytes(StandardCharsets.UTF_8)));

    assertEquals(400, result.path("response").path("status_code").asInt());
    assertEquals(
        "you must provide a model parameter",
        result.path("response").path("body").path("error").path("message").asText());
    assertEquals(Map.of("400", 1L), stats.snapshot().batchRequestsByStatus());
  }

  @Test
  void anInjectedServerErrorOrRateLimit_isTheLinesResponse() throws Exception {
    JsonNode serverError = requests("500:1").answer(line("a"));
    JsonNode rateLimited = requests("429:1").answer(line("b"));

    assertEquals(500, serverError.path("response").path("status_code").asInt());
    assertEquals(
        "server_error",
        serverError.path("response").path("body").path("error").path("type").asText());
    assertEquals(429, rateLimited.path("response").path("status_code").asInt());
    assertEquals(
        "rate_limit_exceeded",
        rateLimited.path("response").path("body").path("error").path("code").asText());
    assertEquals(Map.of("500", 1L, "429", 1L), stats.snapshot().batchRequestsByStatus());
  }

  @Test
  void anInjectedTimeout_isARequestTheWindowClosedOn() throws Exception {
    JsonNode result = requests("timeout:1").answer(line("a"));

    assertTrue(result.path("response").isNull());
    assertEquals("batch_expired", result.path("error").path("code").asText());
    assertEquals(Map.of("expired", 1L), stats.snapshot().batchRequestsByStatus());
  }

  @Test
  void answerAll_answersEveryLineInOrder() throws Exception {
    BatchOutput output = requests("").answerAll(List.of(line("a"), line("b")));

    assertEquals(2, output.completed());
    assertEquals(0, output.failed());
    assertEquals(2, stats.snapshot().batchRequests());
  }

  private BatchRequests requests(String faults) {
    SimulatorConfig config = SimulatorConfig.builder().faults(FaultPlan.parse(faults)).build();
    return new BatchRequests(
        config, new RequestDraws(config.faults(), config.seed()), new Tokenizer(), stats);
  }

  private static BatchInput.Line line(String customId) throws Exception {
    return new BatchInput.Line(
        customId,
        SimHttp.chatBody(NasaChunks.withBeliefs(), 1500).getBytes(StandardCharsets.UTF_8));
  }
}
