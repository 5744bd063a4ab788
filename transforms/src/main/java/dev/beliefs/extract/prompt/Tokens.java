package dev.beliefs.extract.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.Serializable;
import java.util.List;

/**
 * Token counts with o200k_base, the tokenizer of gpt-4o, gpt-4o-mini and gpt-4.1. Chat prompts
 * count as OpenAI documents it for these models: each message costs its content plus 3 tokens of
 * framing, and the reply is primed with 3 more; a structured-output schema is part of the prompt.
 */
public final class Tokens {

  private static final int PER_MESSAGE = 3;
  private static final int REPLY_PRIMING = 3;
  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private Tokens() {}

  public static int count(String text) {
    return O200K.countTokensOrdinary(text);
  }

  /**
   * The text of the first {@code maxTokens} tokens of {@code text}: what a model cut off there
   * said.
   */
  public static String prefix(String text, int maxTokens) {
    return O200K.decode(O200K.encodeOrdinary(text, maxTokens).getTokens());
  }

  /** Prompt tokens of a chat request with these message contents and response schema. */
  public static int chatPrompt(List<String> messageContents, String responseSchema) {
    return chatPrompt(messageContents, responseSchema, Tokens::count);
  }

  /**
   * {@link #chatPrompt(List, String)} counted with {@code counter}. A request's count is the sum of
   * this for its leading messages and {@link #message} for each one after: a prompt whose start
   * never changes is counted once.
   */
  public static int chatPrompt(
      List<String> messageContents, String responseSchema, Counter counter) {
    int tokens = REPLY_PRIMING + counter.count(responseSchema);
    for (String content : messageContents) {
      tokens += message(content, counter);
    }
    return tokens;
  }

  /** What one more message with {@code content} adds to a chat request's prompt tokens. */
  public static int message(String content, Counter counter) {
    return PER_MESSAGE + 1 + counter.count(content);
  }

  /** Counts a text's tokens; serializable, so that what is built on it can travel in a job. */
  @FunctionalInterface
  public interface Counter extends Serializable {
    int count(String text);
  }
}
