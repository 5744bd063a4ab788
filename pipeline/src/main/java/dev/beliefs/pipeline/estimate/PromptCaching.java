package dev.beliefs.pipeline.estimate;

/**
 * The prompt tokens OpenAI is assumed to serve from its prompt cache. It caches the prefix a prompt
 * shares with one it processed in the last few minutes, in steps of 128 tokens from 1,024 on,
 * billed at the model's cached price. Every request of a run begins with the same system prompt and
 * schema, so every request after the first is assumed to have that prefix cached, rounded down to a
 * multiple of 128 (none if under 1,024). Longer shared prefixes (a window whose first utterances
 * another window's prompt also begins with) are not counted: the estimate errs towards paying more.
 * Batches are assumed uncached.
 */
public final class PromptCaching {

  static final int BLOCK = 128;
  static final int MIN_CACHED = 1024;

  private final int cachedPerRequest;
  private final int sharedPrefixTokens;
  private boolean first = true;

  /**
   * @param sharedPrefixTokens the prompt tokens every request begins with; 0 for no caching
   */
  public PromptCaching(int sharedPrefixTokens) {
    this.sharedPrefixTokens = sharedPrefixTokens;
    int rounded = sharedPrefixTokens / BLOCK * BLOCK;
    this.cachedPerRequest = rounded >= MIN_CACHED ? rounded : 0;
  }

  public static PromptCaching none() {
    return new PromptCaching(0);
  }

  /** The cached tokens assumed for the next request of the run, of {@code promptTokens}. */
  long next(long promptTokens) {
    if (first) {
      first = false;
      return 0;
    }
    return Math.min(cachedPerRequest, promptTokens);
  }

  int cachedPerRequest() {
    return cachedPerRequest;
  }

  int sharedPrefixTokens() {
    return sharedPrefixTokens;
  }
}
