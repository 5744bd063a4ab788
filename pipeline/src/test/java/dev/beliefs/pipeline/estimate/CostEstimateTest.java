package dev.beliefs.pipeline.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.RateLimits;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Utterance;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  private static final ModelPrice PRICE =
      new ModelPrice(new BigDecimal("1"), new BigDecimal("0.5"), new BigDecimal("2"));

  private static Chunk chunk(int level, int words, int promptTokens) {
    String text = "word ".repeat(words).strip();
    return new Chunk(
        "t", "file:/t", level, 0, List.of(new Utterance(0, "A", null, null, text)), promptTokens);
  }

  @Test
  void promptTokensAreExactAndAnswersFollowTheDefaultSize() {
    CostEstimate estimate = new CostEstimate(PRICE, AnswerSizes.defaults(), 500);

    estimate.addTranscript(
        List.of(chunk(1, 100, 2_000), chunk(1, 200, 2_100), chunk(5, 1000, 3_000)));

    // answers: 30 + 0.35 x words = 65, 100, 380 tokens
    assertEquals(
        new CostEstimate.Level(2, 4_100, 165, new BigDecimal("0.00443")), estimate.levels().get(1));
    assertEquals(
        new CostEstimate.Level(1, 3_000, 380, new BigDecimal("0.00376")), estimate.levels().get(5));
    assertEquals(3, estimate.total().requests());
  }

  @Test
  void wallTimeIsBoundByTheSlowestOfWorkersRequestsAndTokens() {
    CostEstimate estimate = new CostEstimate(PRICE, AnswerSizes.defaults(), 1_000);
    for (int i = 0; i < 60; i++) {
      estimate.addTranscript(List.of(chunk(1, 0, 2_000)));
    }
    // each call: 0.6 s + 0.0125 s x 30 tokens = 0.975 s; 60 calls on 10 workers = 5.85 s
    assertEquals(5.85, estimate.wallTime(10, RateLimits.NONE).seconds(), 1e-9);
    // 60 requests at 30 per minute = 120 s
    assertEquals(
        new CostEstimate.WallTime(120, "requests per minute"),
        estimate.wallTime(10, new RateLimits(30, 0)));
    // 60 x (2,000 + 1,000) tokens at 90,000 per minute = 120 s; at 60,000 = 180 s
    assertEquals(
        new CostEstimate.WallTime(180, "tokens per minute"),
        estimate.wallTime(10, new RateLimits(30, 60_000)));
  }
}
