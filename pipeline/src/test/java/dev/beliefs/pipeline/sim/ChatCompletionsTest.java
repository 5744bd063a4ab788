package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.grounding.Grounding;
import dev.beliefs.extract.offline.OfflineBeliefRules;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Chunk;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions}, {@code GET /v1/models} and errors, over real HTTP. */
class ChatCompletionsTest {

  private RunningSimulator simulator;
  private SimHttp http;

  @BeforeEach
  void start() throws Exception {
    simulator = Simulator.start(SimulatorConfig.builder().timeScale(0).build());
    http = new SimHttp(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void everyChunkOfTheSample_isAnsweredWithSchemaJsonWhoseQuotesAllGround() throws Exception {
    int beliefs = 0;
    for (Chunk chunk : NasaChunks.all()) {
      SimHttp.Response response = http.chat(SimHttp.chatBody(chunk, 1500), null);

      assertEquals(200, response.status(), response.text());
      List<ModelBelief> answer = BeliefAnswer.parse(response.content());
      assertEquals(OfflineBeliefRules.find(chunk.utterances()), answer, chunk.id());
      Grounding.Outcome grounded = Grounding.ground(chunk, answer);
      assertEquals(0, grounded.dropped(), chunk.id() + ": " + response.content());
      beliefs += grounded.kept().size();
    }
    assertEquals(76, beliefs, "beliefs found in the sample, before merging");
  }

  @Test
  void usage_countsMessagesWithTheirFramingAndTheSchemaAsPrompt_asOpenAiDocumentsIt()
      throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();

    SimHttp.Response response = http.chat(SimHttp.chatBody(chunk, 1500), null);

    JsonNode usage = response.json().get("usage");
    assertEquals(DocumentedCounts.promptTokens(chunk), usage.get("prompt_tokens").asInt());
    assertTrue(DocumentedCounts.completionAddsUp(usage, response.content()), usage.toString());
    assertEquals(
        usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
        usage.get("total_tokens").asInt());
    assertEquals(0, usage.get("prompt_tokens_details").get("cached_tokens").asInt());
  }

  @Test
  void theModelWritesSeveralHundredTokensForAnExcerpt_billingBeyondTheContentAsReasoning()
      throws Exception {
    Chunk chunk = NasaChunks.all().stream().filter(c -> c.level() == 5).findFirst().orElseThrow();

    JsonNode usage = http.chat(SimHttp.chatBody(chunk, 1500), null).json().get("usage");

    assertTrue(usage.get("completion_tokens").asInt() >= 200, usage.toString());
    assertTrue(usage.get("completion_tokens").asInt() <= 1500, usage.toString());
    assertTrue(
        usage.get("completion_tokens_details").get("reasoning_tokens").asInt() > 0,
        usage.toString());
  }

  @Test
  void aSecondPromptWithTheSameSystemPromptAndSchema_hasThatPrefixCachedInBlocksOf128()
      throws Exception {
    List<Chunk> level1 = NasaChunks.all().stream().filter(c -> c.level() == 1).toList();

    JsonNode first = http.chat(SimHttp.chatBody(level1.get(0), 1500), null).json();
    JsonNode second = http.chat(SimHttp.chatBody(level1.get(1), 1500), null).json();

    assertEquals(0, cachedTokens(first));
    int prefix =
        3
            + DocumentedCounts.tokens("beliefs")
            + DocumentedCounts.tokens(schemaText())
            + 3
            + DocumentedCounts.tokens("system")
            + DocumentedCounts.tokens(ExtractionPrompt.system())
            + 3
            + DocumentedCounts.tokens("user");
    assertEquals(prefix / 128 * 128, cachedTokens(second), "shared prefix " + prefix);
    assertTrue(cachedTokens(second) >= 1024);
    assertEquals(cachedTokens(second), simulator.stats().cachedPromptTokensBilled());
    assertEquals(1, simulator.stats().promptCacheHits());
  }

  @Test
  void withPromptCachingOff_nothingIsCached() throws Exception {
    try (RunningSimulator uncached =
        Simulator.start(SimulatorConfig.builder().timeScale(0).promptCache(false).build())) {
      SimHttp client = new SimHttp(uncached);
      String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1500);

      client.chat(body, null);
      JsonNode again = client.chat(body, null).json();

      assertEquals(0, cachedTokens(again));
      assertEquals(0, uncached.stats().cachedPromptTokensBilled());
    }
  }

  @Test
  void theAnswer_hasOpenAisChatCompletionShape() throws Exception {
    long before = System.currentTimeMillis() / 1000;

    SimHttp.Response response = http.chat(SimHttp.chatBody(NasaChunks.withBeliefs(), 1500), null);

    JsonNode body = response.json();
    assertEquals("application/json", response.header("content-type"));
    assertTrue(body.get("id").asText().startsWith("chatcmpl-"), body.toString());
    assertEquals("chat.completion", body.get("object").asText());
    long created = body.get("created").asLong();
    assertTrue(created >= before && created <= before + 60, "created " + created);
    assertEquals(SimHttp.MODEL, body.get("model").asText());
    JsonNode choice = body.get("choices").get(0);
    assertEquals(1, body.get("choices").size());
    assertEquals(0, choice.get("index").asInt());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertTrue(choice.get("message").get("refusal").isNull());
    assertTrue(choice.get("message").get("content").isTextual());
    assertTrue(response.header("x-request-id").startsWith("req_"));
  }

  @Test
  void withoutAResponseFormat_theAnswerIsProseAndThePromptHasNoSchemaTokens() throws Exception {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
            + "\"text\",\"text\":\"[u3] Kay: I think the camera is the best part of it.\"}]}]}";

    SimHttp.Response response = http.chat(body, null);

    assertEquals(200, response.status(), response.text());
    assertTrue(response.content().startsWith("Kay affirms: "), response.content());
    assertEquals(
        3
            + 3
            + DocumentedCounts.tokens("user")
            + DocumentedCounts.tokens("[u3] Kay: I think the camera is the best part of it."),
        response.json().get("usage").get("prompt_tokens").asInt());
  }

  @Test
  void aBodyThatIsNotJson_is400WithOpenAisErrorBody() throws Exception {
    SimHttp.Response response = http.chat("{\"model\": ", null);

    assertEquals(400, response.status());
    JsonNode error = response.json().get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    assertTrue(error.get("message").asText().contains("could not parse the JSON body"));
    assertTrue(error.has("param") && error.get("param").isNull());
    assertTrue(error.has("code") && error.get("code").isNull());
  }

  @Test
  void missingMessagesOrABadMaxTokens_is400NamingTheParameter() throws Exception {
    SimHttp.Response noMessages = http.chat("{\"model\":\"gpt-4o-mini\"}", null);
    SimHttp.Response zeroTokens =
        http.chat(
            "{\"model\":\"gpt-4o-mini\",\"max_tokens\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            null);

    assertEquals(400, noMessages.status());
    assertEquals("messages", noMessages.json().get("error").get("param").asText());
    assertEquals("missing_required_parameter", noMessages.json().get("error").get("code").asText());
    assertEquals(400, zeroTokens.status());
    assertEquals("max_tokens", zeroTokens.json().get("error").get("param").asText());
  }

  @Test
  void anUnknownPath_is404WithOpenAisErrorBody() throws Exception {
    SimHttp.Response response = http.post("/v1/embeddings", "{}");

    assertEquals(404, response.status());
    JsonNode error = response.json().get("error");
    assertEquals("Invalid URL (POST /v1/embeddings)", error.get("message").asText());
    assertEquals("invalid_request_error", error.get("type").asText());
  }

  @Test
  void models_listsTheSimulatedModels() throws Exception {
    SimHttp.Response response = http.get("/v1/models");

    assertEquals(200, response.status());
    assertEquals("list", response.json().get("object").asText());
    List<String> ids =
        response.json().get("data").findValues("id").stream().map(JsonNode::asText).toList();
    assertTrue(ids.contains("gpt-4o-mini"), ids.toString());
    assertEquals("model", response.json().get("data").get(0).get("object").asText());
    assertEquals(200, http.get("/v1/models/gpt-4o-mini").status());
    assertEquals(404, http.get("/v1/models/gpt-9").status());
  }

  private static int cachedTokens(JsonNode answer) {
    return answer.get("usage").get("prompt_tokens_details").get("cached_tokens").asInt();
  }

  private static String schemaText() {
    return ExtractionPrompt.schema().toString();
  }
}
