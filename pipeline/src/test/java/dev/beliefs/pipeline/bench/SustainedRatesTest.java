package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SustainedRatesTest {

  private static final long LIMIT = 60_000;

  @Test
  void afterTheFirstMinute_whenTheBucketIsAlreadyLow_countsWhatWasAdmittedAndBilledThen()
      throws Exception {
    // 200 s at 1,000 tokens a second, the bucket near empty from second 10 on.
    StatsSnapshot stats = stats(200, second -> second < 10 ? 30_000 : 500);

    SustainedRates rates = SustainedRates.of(stats);

    assertEquals(139, rates.seconds());
    assertEquals(60_000, rates.tokensPerMinute(), 1e-9);
    assertEquals(60, rates.requestsPerMinute(), 1e-9);
    assertEquals(6_000, rates.billedPromptPerMinute(), 1e-9);
    assertEquals(3_000, rates.billedCachedPerMinute(), 1e-9);
    assertEquals(1_200, rates.billedCompletionPerMinute(), 1e-9);
    assertEquals(0, rates.drawnDownPerMinute(), 1e-9);
  }

  @Test
  void whatTheBucketHeldBeforeTheWindowAndSpentInIt_isLeftOutOfTheNetRate() throws Exception {
    // 5,000 tokens held until second 60, spent by second 110.
    StatsSnapshot stats =
        stats(200, second -> second < 60 ? 5_000 : Math.max(0, 5_000 - 100 * (second - 60)));

    SustainedRates rates = SustainedRates.of(stats);

    assertEquals(139, rates.seconds());
    assertEquals(5_000 * 60.0 / 139, rates.drawnDownPerMinute(), 1e-9);
    assertEquals(60_000 - 5_000 * 60.0 / 139, rates.netTokensPerMinute(), 1e-9);
  }

  @Test
  void whileTheFirstFillIsStillBeingSpent_itIsLeftOut() throws Exception {
    StatsSnapshot stats = stats(200, second -> second < 100 ? 30_000 : 500);

    assertEquals(98, SustainedRates.of(stats).seconds(), "from second 101 to 199");
  }

  @Test
  void aBucketNeverEmptied_isMeasuredAfterTheFirstMinute() throws Exception {
    StatsSnapshot stats = stats(200, second -> 50_000);

    assertEquals(139, SustainedRates.of(stats).seconds());
  }

  /** Admitted and billed every second from 1,000 on: 1 request of 1,000 tokens, its answer. */
  private static StatsSnapshot stats(int seconds, java.util.function.IntUnaryOperator remaining)
      throws Exception {
    List<Map<String, Object>> admitted = new ArrayList<>();
    List<Map<String, Object>> billed = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      admitted.add(
          Map.of(
              "epoch_second",
              1_000 + i,
              "requests",
              1,
              "tokens",
              1_000,
              "min_remaining_tokens",
              remaining.applyAsInt(i)));
      billed.add(
          Map.of(
              "epoch_second",
              1_000 + i,
              "requests",
              1,
              "prompt_tokens",
              100,
              "cached_prompt_tokens",
              50,
              "completion_tokens",
              20));
    }
    String json =
        Json.line(
            Map.of(
                "limit_tokens_per_minute", LIMIT,
                "admitted_per_second", admitted,
                "billed_per_second", billed));
    return Json.MAPPER.readValue(json, StatsSnapshot.class);
  }
}
