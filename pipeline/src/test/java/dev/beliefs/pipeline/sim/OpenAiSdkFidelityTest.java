package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.beliefs.extract.grounding.Grounding;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK talks to the simulator as to the API: it reads the answers (with
 * strict response validation) and classifies the errors as it would OpenAI's.
 */
class OpenAiSdkFidelityTest {

  @Test
  void theSdkReadsTheSimulatorsChatCompletion_usageIncluded() throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).build())) {
      OpenAIClient client = client(simulator, "sk-test");

      ChatCompletion completion = client.chat().completions().create(beliefRequest(chunk));

      completion.validate();
      assertEquals(SimHttp.MODEL, completion.model());
      ChatCompletion.Choice choice = completion.choices().get(0);
      assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
      assertTrue(choice.message().refusal().isEmpty());
      String content = choice.message().content().orElseThrow();
      assertEquals(0, Grounding.ground(chunk, BeliefAnswer.parse(content)).dropped());
      CompletionUsage usage = completion.usage().orElseThrow();
      assertEquals(DocumentedCounts.promptTokens(chunk), usage.promptTokens());
      assertEquals(
          DocumentedCounts.tokens(content)
              + usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow(),
          usage.completionTokens());
      assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
      assertEquals(0, usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow());
      assertTrue(
          client.models().list().data().stream().anyMatch(m -> m.id().equals(SimHttp.MODEL)));
    }
  }

  @Test
  void theSdkClassifiesA429AsRateLimitException() throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).requestsPerMinute(1).build())) {
      OpenAIClient client = client(simulator, "sk-test");
      client.chat().completions().create(beliefRequest(chunk));

      RateLimitException limited =
          assertThrows(
              RateLimitException.class,
              () -> client.chat().completions().create(beliefRequest(chunk)));

      assertEquals(429, limited.statusCode());
      assertEquals("rate_limit_exceeded", limited.code().orElseThrow());
      assertEquals("requests", limited.type().orElseThrow());
      assertTrue(Integer.parseInt(limited.headers().values("retry-after").get(0)) > 0);
    }
  }

  @Test
  void theSdkClassifiesA401AsUnauthorizedException() throws Exception {
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().timeScale(0).apiKey("sk-test").build())) {
      OpenAIClient client = client(simulator, "sk-not-the-key");

      UnauthorizedException refused =
          assertThrows(
              UnauthorizedException.class,
              () -> client.chat().completions().create(beliefRequest(NasaChunks.withBeliefs())));

      assertEquals(401, refused.statusCode());
      assertEquals("invalid_api_key", refused.code().orElseThrow());
    }
  }

  /** Without retries, so that each error reaches the test as the SDK classified it. */
  private static OpenAIClient client(RunningSimulator simulator, String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(simulator.baseUrl())
        .apiKey(apiKey)
        .maxRetries(0)
        .responseValidation(true)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  /** The project's extraction request, built with the SDK. */
  private static ChatCompletionCreateParams beliefRequest(Chunk chunk) {
    ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema =
        ResponseFormatJsonSchema.JsonSchema.Schema.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = ExtractionPrompt.schema().fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      schema.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
    }
    return ChatCompletionCreateParams.builder()
        .model(SimHttp.MODEL)
        .addSystemMessage(ExtractionPrompt.system())
        .addUserMessage(ExtractionPrompt.user(chunk))
        .temperature(0.0)
        .seed(20240601L)
        .maxCompletionTokens(1500)
        .responseFormat(
            ResponseFormatJsonSchema.builder()
                .jsonSchema(
                    ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(ExtractionPrompt.SCHEMA_NAME)
                        .strict(true)
                        .schema(schema.build())
                        .build())
                .build())
        .build();
  }
}
