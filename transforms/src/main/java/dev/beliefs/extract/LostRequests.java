package dev.beliefs.extract;

import dev.beliefs.model.Usage;

/**
 * Requests sent whose answers never came back (a timeout, a broken connection, a worker that died
 * with them in flight): the server may have answered, and billed, them all the same. Their cost is
 * unknown; {@code worstCase} bounds it: each one's prompt uncached and all its {@code max_tokens}.
 */
public record LostRequests(int count, Usage worstCase) {

  public static final LostRequests NONE = new LostRequests(0, Usage.NONE);

  /**
   * One lost request of {@code promptTokens} that could have been answered with {@code maxTokens}.
   */
  public static LostRequests one(long promptTokens, long maxTokens) {
    return new LostRequests(1, new Usage(promptTokens, 0, maxTokens));
  }

  public LostRequests plus(LostRequests other) {
    return new LostRequests(count + other.count, worstCase.plus(other.worstCase));
  }
}
