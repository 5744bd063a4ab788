package dev.beliefs.extract.limits;

import java.io.Serializable;

/**
 * Requests and tokens per minute, of the whole organisation or of one {@link Share}; 0 means
 * unlimited.
 *
 * @param requestsPerMinute requests admitted per minute
 * @param tokensPerMinute tokens admitted per minute, a request counting its prompt plus its {@code
 *     max_tokens} as OpenAI counts it
 */
public record RateLimits(long requestsPerMinute, long tokensPerMinute) implements Serializable {

  public static final RateLimits NONE = new RateLimits(0, 0);

  public RateLimits {
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException("rate limits must be >= 0");
    }
  }
}
