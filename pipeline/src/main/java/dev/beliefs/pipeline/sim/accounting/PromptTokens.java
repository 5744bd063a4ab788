package dev.beliefs.pipeline.sim.accounting;

import java.util.Arrays;
import java.util.List;

/**
 * A chat prompt as the model reads it, token by token, and the prompt tokens it is billed.
 *
 * <p>The formula is OpenAI's for its chat models (the cookbook's {@code num_tokens_from_messages}):
 * every part costs 3 tokens of framing plus the tokens of its label and of its text, and the reply
 * is primed with 3 more. The parts, in the order the model reads them:
 *
 * <ol>
 *   <li>the {@code response_format} JSON schema, when there is one: labelled with the schema's
 *       {@code name}, its text the {@code schema} object as compact JSON. OpenAI bills the schema
 *       as prompt and puts it before the system message, which is why it belongs to the cacheable
 *       prefix;
 *   <li>each message: labelled with its {@code role} (and {@code name}, when given), its text the
 *       message's content.
 * </ol>
 *
 * <p>The framing tokens are written as negative ids, so they never equal a text token.
 *
 * @param sequence the token ids of the parts, framing included, reply priming excluded
 */
public record PromptTokens(int[] sequence) {

  /** Framing of each part: the start of the part, the end of its label, the end of the part. */
  public static final int FRAMING_PER_PART = 3;

  public static final int REPLY_PRIMING = 3;

  private static final int START = -1;
  private static final int LABEL_END = -2;
  private static final int END = -3;

  /** One labelled part of the prompt: the schema, or a message. */
  public record Part(String label, String text) {}

  public static PromptTokens of(List<Part> parts, Tokenizer tokenizer) {
    int[][] labels = new int[parts.size()][];
    int[][] texts = new int[parts.size()][];
    int length = 0;
    for (int i = 0; i < parts.size(); i++) {
      labels[i] = tokenizer.encode(parts.get(i).label());
      texts[i] = tokenizer.encode(parts.get(i).text());
      length += FRAMING_PER_PART + labels[i].length + texts[i].length;
    }
    int[] sequence = new int[length];
    int at = 0;
    for (int i = 0; i < parts.size(); i++) {
      sequence[at++] = START;
      System.arraycopy(labels[i], 0, sequence, at, labels[i].length);
      at += labels[i].length;
      sequence[at++] = LABEL_END;
      System.arraycopy(texts[i], 0, sequence, at, texts[i].length);
      at += texts[i].length;
      sequence[at++] = END;
    }
    return new PromptTokens(sequence);
  }

  /** The {@code prompt_tokens} billed: the parts plus the reply priming. */
  public int billed() {
    return sequence.length + REPLY_PRIMING;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PromptTokens that && Arrays.equals(sequence, that.sequence);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sequence);
  }

  @Override
  public String toString() {
    return "PromptTokens[" + sequence.length + " tokens]";
  }
}
