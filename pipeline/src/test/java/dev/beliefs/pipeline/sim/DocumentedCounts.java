package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;

/**
 * The counts OpenAI documents, worked out here with jtokkit directly from the request the job
 * sends, to check the simulator's own code against: the prompt (3 tokens of framing per part plus
 * its label and text, the schema a part labelled with its name, 3 tokens priming the reply) and the
 * tokens-per-minute charge (characters / 4, rounded up, plus max_tokens).
 */
final class DocumentedCounts {

  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private DocumentedCounts() {}

  static int tokens(String text) {
    return O200K.countTokensOrdinary(text);
  }

  /** Prompt tokens billed for the job's request for {@code chunk}. */
  static int promptTokens(Chunk chunk) {
    return 3
        + (3 + tokens(ExtractionPrompt.SCHEMA_NAME) + tokens(schemaText()))
        + (3 + tokens("system") + tokens(ExtractionPrompt.system()))
        + (3 + tokens("user") + tokens(ExtractionPrompt.user(chunk)));
  }

  /** What the job's request for {@code chunk} takes from the tokens-per-minute limit. */
  static long rateLimitCharge(Chunk chunk, int maxTokens) {
    long characters =
        codePoints(schemaText())
            + codePoints(ExtractionPrompt.system())
            + codePoints(ExtractionPrompt.user(chunk));
    return (characters + 3) / 4 + maxTokens;
  }

  /** The usage's completion tokens are the content's plus the reasoning tokens. */
  static boolean completionAddsUp(JsonNode usage, String content) {
    return usage.get("completion_tokens").asInt()
        == tokens(content) + usage.get("completion_tokens_details").get("reasoning_tokens").asInt();
  }

  private static String schemaText() {
    return ExtractionPrompt.schema().toString();
  }

  private static long codePoints(String text) {
    return text.codePointCount(0, text.length());
  }
}
