package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Tokens billed for one or more requests, as the API reports them.
 *
 * @param promptTokens all prompt tokens, cached ones included
 * @param cachedPromptTokens the part of {@code promptTokens} served from the prompt cache
 * @param completionTokens generated tokens
 */
@DefaultCoder(JsonCoder.class)
public record Usage(long promptTokens, long cachedPromptTokens, long completionTokens)
    implements Serializable {

  public static final Usage NONE = new Usage(0, 0, 0);

  public Usage plus(Usage other) {
    return new Usage(
        promptTokens + other.promptTokens,
        cachedPromptTokens + other.cachedPromptTokens,
        completionTokens + other.completionTokens);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
