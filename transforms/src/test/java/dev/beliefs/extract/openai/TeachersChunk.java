package dev.beliefs.extract.openai;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Utterance;
import java.time.Duration;
import java.util.List;

/** The one-utterance chunk the extractor tests send, its answer, and OpenAI's body shapes. */
public final class TeachersChunk {

  public static final Chunk CHUNK =
      new Chunk(
          "ep",
          "file:/ep.txt",
          1,
          0,
          List.of(new Utterance(7, "Kay", 1.0, 2.0, "I think teachers are the real innovators.")),
          900);

  public static final String TEXT = CHUNK.text();

  /** The beliefs of {@link #ANSWER}. */
  public static final List<ModelBelief> BELIEFS =
      List.of(
          new ModelBelief(
              "Kay",
              "Teachers are the real innovators.",
              "affirms",
              0.75,
              "teaching",
              "teachers are the real innovators",
              7));

  public static final String ANSWER = BeliefAnswer.write(BELIEFS);

  public static final ModelPrice MINI = PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();

  private TeachersChunk() {}

  /** A chat completion body as OpenAI writes it. */
  public static String completion(
      String content, String finishReason, long prompt, long cached, long completion) {
    var root = Json.MAPPER.createObjectNode();
    root.put("id", "chatcmpl-1")
        .put("object", "chat.completion")
        .put("model", "gpt-4o-mini-2024-07-18");
    var choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", finishReason);
    choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
    var usage = root.putObject("usage");
    usage
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
    return root.toString();
  }

  /** Settings for gpt-4o-mini at {@code baseUrl} with short waits and no limits or cap. */
  public static OpenAiSettings settings(String baseUrl, int maxAttempts, String sharedKey) {
    return OpenAiSettings.builder()
        .baseUrl(baseUrl)
        .chat(new ChatSettings("gpt-4o-mini", 0.0, 42L, 800))
        .apiKeySource(() -> "sk-test-dummy")
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .retry(new RetryPolicy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(1)))
        .rateLimits(RateLimits.NONE)
        .price(MINI)
        .sharedKey(sharedKey)
        .build();
  }
}
