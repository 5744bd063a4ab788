package dev.beliefs.pipeline.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Utterance;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  /** USD per million: input 1, cached input 0.5, output 2. */
  static final ModelPrice PRICE =
      new ModelPrice(new BigDecimal("1"), new BigDecimal("0.5"), new BigDecimal("2"));

  static Chunk chunk(int level, int words, int promptTokens) {
    String text = "word ".repeat(words).strip();
    return new Chunk(
        "t", "file:/t", level, 0, List.of(new Utterance(0, "A", null, null, text)), promptTokens);
  }

  @Test
  void promptTokensAreExact_answersThePrototypesSize_andRequestsAfterTheFirstHaveThePrefixCached() {
    CostEstimate estimate =
        new CostEstimate(PRICE, AnswerSizes.defaults(), new PromptCaching(1_600), 500);

    estimate.addRequest(chunk(1, 100, 2_000));
    estimate.addRequest(chunk(1, 200, 2_100));
    estimate.addRequest(chunk(5, 1000, 3_000));

    // 1,600 shared tokens: 1,536 cached (12 x 128) for all but the first request; 548 answer
    // tokens each. Level 1: (4,100 - 1,536) x 1 + 1,536 x 0.5 + 1,096 x 2 = 5,524 per million.
    assertEquals(
        new CostEstimate.Level(2, 4_100, 1_536, 1_096, new BigDecimal("0.005524")),
        estimate.levels().get(1));
    assertEquals(
        new CostEstimate.Level(1, 3_000, 1_536, 548, new BigDecimal("0.003328")),
        estimate.levels().get(5));
    assertEquals(3, estimate.total().requests());
  }

  @Test
  void aSharedPrefixUnder1024Tokens_isNotCached() {
    CostEstimate estimate =
        new CostEstimate(PRICE, AnswerSizes.defaults(), new PromptCaching(1_000), 500);

    estimate.addRequest(chunk(1, 100, 2_000));
    estimate.addRequest(chunk(1, 100, 2_000));

    assertEquals(0, estimate.total().cachedPromptTokens());
  }

  @Test
  void chunksAnsweredByTheResponseCacheOrRepeated_askNothing() {
    CostEstimate estimate =
        new CostEstimate(PRICE, AnswerSizes.defaults(), new PromptCaching(1_600), 500);

    estimate.addCacheHit();
    estimate.addCacheHit();
    estimate.addDuplicate();

    assertEquals(0, estimate.total().requests());
    assertEquals(0, estimate.total().costUsd().signum());
    assertEquals(2, estimate.cacheHits());
    assertEquals(1, estimate.duplicates());
  }

  @Test
  void wallTimeIsBoundByTheSlowestOfWorkersRequestsAndTokens() {
    CostEstimate estimate =
        new CostEstimate(PRICE, AnswerSizes.defaults(), PromptCaching.none(), 1_000);
    Chunk chunk = chunk(1, 0, 2_000);
    for (int i = 0; i < 60; i++) {
      estimate.addRequest(chunk);
    }
    // each call: 0.6 s + 0.025 s x 548 tokens = 14.3 s; 60 calls on 10 workers = 85.8 s
    assertEquals(85.8, estimate.wallTime(10, RateLimits.NONE).seconds(), 1e-9);
    // 60 requests at 30 per minute = 120 s
    assertEquals(
        new CostEstimate.WallTime(120, "requests per minute"),
        estimate.wallTime(10, new RateLimits(30, 0)));
    // 60 requests of (characters / 4 + 1,000) tokens at 60,000 per minute
    long charge = CostEstimate.rateLimitCharge(chunk, 1_000);
    assertEquals(
        new CostEstimate.WallTime(60.0 * 60 * charge / 60_000, "tokens per minute"),
        estimate.wallTime(10, new RateLimits(30, 60_000)));
  }
}
