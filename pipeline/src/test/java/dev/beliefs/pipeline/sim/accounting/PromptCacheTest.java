package dev.beliefs.pipeline.sim.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** OpenAI's rule: a shared prefix of 1,024 tokens or more, in steps of 128, for a few minutes. */
class PromptCacheTest {

  private final AtomicLong nanos = new AtomicLong();
  private final PromptCache cache =
      new PromptCache(Duration.ofMinutes(5), PromptCache.MAX_BLOCKS, nanos::get);

  @Test
  void theFirstPromptIsNotCached_andTheSameOneAgainIsCachedInWholeBlocks() {
    PromptTokens prompt = prompt(1300, 0);

    assertEquals(0, cache.lookUpAndStore(prompt));
    assertEquals(1280, cache.lookUpAndStore(prompt));
  }

  @Test
  void aSharedPrefixIsRoundedDownToAMultipleOf128() {
    cache.lookUpAndStore(prompt(3000, 0));

    assertEquals(1024, cache.lookUpAndStore(differingAt(3000, 1100)));
    assertEquals(1152, cache.lookUpAndStore(differingAt(3000, 1152)));
    assertEquals(2944, cache.lookUpAndStore(differingAt(3000, 2999)));
  }

  @Test
  void aSharedPrefixUnder1024TokensIsNotCached() {
    cache.lookUpAndStore(prompt(3000, 0));

    assertEquals(0, cache.lookUpAndStore(differingAt(3000, 1023)));
    assertEquals(0, cache.lookUpAndStore(differingAt(3000, 0)));
    assertEquals(0, cache.lookUpAndStore(prompt(1000, 0)));
  }

  @Test
  void theLongestSharedPrefixOfAnyEarlierPromptCounts() {
    cache.lookUpAndStore(differingAt(3000, 1200));
    cache.lookUpAndStore(differingAt(3000, 2100));

    assertEquals(2048, cache.lookUpAndStore(prompt(3000, 0)));
  }

  @Test
  void aPrefixUnusedForTheTimeToLiveIsForgotten_andEachUseKeepsItAlive() {
    cache.lookUpAndStore(prompt(2000, 0));
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertEquals(1920, cache.lookUpAndStore(differingAt(2000, 1999)));
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertEquals(1920, cache.lookUpAndStore(prompt(2000, 0)), "used 4 minutes ago");

    nanos.addAndGet(Duration.ofMinutes(5).toNanos());

    assertEquals(0, cache.lookUpAndStore(prompt(2000, 0)));
  }

  @Test
  void clear_forgetsEveryPrefix() {
    cache.lookUpAndStore(prompt(2000, 0));

    cache.clear();

    assertEquals(0, cache.lookUpAndStore(prompt(2000, 0)));
  }

  @Test
  void theLeastRecentlyUsedBlocksGoFirstWhenTheCacheIsFull() {
    PromptCache small = new PromptCache(Duration.ofMinutes(5), 20, nanos::get);
    small.lookUpAndStore(prompt(1280, 0));
    small.lookUpAndStore(prompt(1280, 7));

    small.lookUpAndStore(prompt(1280, 9));

    assertEquals(0, small.lookUpAndStore(prompt(1280, 0)));
    assertEquals(1280, small.lookUpAndStore(prompt(1280, 9)));
  }

  /** {@code length} tokens counting up from {@code start}. */
  private static PromptTokens prompt(int length, int start) {
    int[] sequence = new int[length];
    Arrays.setAll(sequence, i -> start + i);
    return new PromptTokens(sequence);
  }

  /** The same as {@code prompt(length, 0)} up to token {@code at}, which differs. */
  private static PromptTokens differingAt(int length, int at) {
    int[] sequence = prompt(length, 0).sequence();
    sequence[at] = -100;
    return new PromptTokens(sequence);
  }
}
