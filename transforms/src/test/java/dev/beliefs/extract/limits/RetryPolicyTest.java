package dev.beliefs.extract.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RetryPolicy DEFAULT = RetryPolicy.withMaxAttempts(3);

  /** 2,000 waits after {@code requests} requests; a draw above half the ceiling is all but sure. */
  private static LongSummaryStatistics waits(int requests) {
    return IntStream.range(0, 2_000)
        .mapToLong(i -> DEFAULT.backoff(requests).toMillis())
        .summaryStatistics();
  }

  @Test
  void theDefaultWaitsStartAtHalfASecondAndStopGrowingAt30Seconds() {
    assertEquals(Duration.ofMillis(500), DEFAULT.initialBackoff());
    assertEquals(Duration.ofSeconds(30), DEFAULT.maxBackoff());
  }

  @Test
  void maxAttemptsCountsTheFirstRequest() {
    assertTrue(DEFAULT.allowsAnother(0));
    assertTrue(DEFAULT.allowsAnother(2));
    assertFalse(DEFAULT.allowsAnother(3));
  }

  @Test
  void waitsAreDrawnUpToACeilingThatDoublesWithEachRequest() {
    LongSummaryStatistics afterOne = waits(1);
    assertTrue(afterOne.getMin() >= 0 && afterOne.getMax() <= 500, afterOne.toString());
    assertTrue(afterOne.getMax() > 250, afterOne.toString());

    LongSummaryStatistics afterThree = waits(3);
    assertTrue(afterThree.getMax() <= 2_000 && afterThree.getMax() > 1_000, afterThree.toString());
  }

  @Test
  void theCeilingStopsAtMaxBackoffHoweverManyRequestsWent() {
    LongSummaryStatistics afterMany = waits(100);
    assertTrue(afterMany.getMin() >= 0 && afterMany.getMax() <= 30_000, afterMany.toString());
    assertTrue(afterMany.getMax() > 15_000, afterMany.toString());
  }
}
