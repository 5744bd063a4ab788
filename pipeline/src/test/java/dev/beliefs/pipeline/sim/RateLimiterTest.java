package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on a clock the test moves. */
class RateLimiterTest {

  /** A clock that moves only when told. */
  private static final class ManualClock implements TimeMeter {
    long nanos = 1_000_000_000L;

    void advance(Duration duration) {
      nanos += duration.toNanos();
    }

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  private final ManualClock clock = new ManualClock();

  @Test
  void bucketsStartFull() {
    RateLimitState state = new RateLimiter(60, 6000, clock).state();

    assertEquals(new RateLimitState(60, 6000, 60, 6000, Duration.ZERO, Duration.ZERO), state);
  }

  @Test
  void aRequestTakesOneRequestAndItsTokens_andTheResetIsTheTimeToRefillThem() {
    RateLimiter limiter = new RateLimiter(60, 6000, clock);

    Admission admission = limiter.admit(300);

    assertTrue(admission.admitted());
    assertEquals(
        new RateLimitState(60, 6000, 59, 5700, Duration.ofSeconds(1), Duration.ofSeconds(3)),
        admission.state());
  }

  @Test
  void theBudgetRefillsContinuouslyOverTheMinute() {
    RateLimiter limiter = new RateLimiter(60, 6000, clock);
    limiter.admit(6000);

    clock.advance(Duration.ofSeconds(15));

    assertEquals(1500, limiter.state().remainingTokens());
    assertEquals(Duration.ofSeconds(45), limiter.state().resetTokens());
  }

  @Test
  void aRequestOverTheTokenBudgetIsRefused_takesNothing_andIsToldHowLongToWait() {
    RateLimiter limiter = new RateLimiter(60, 6000, clock);
    limiter.admit(5000);

    Admission refused = limiter.admit(2000);

    assertFalse(refused.admitted());
    assertEquals("tokens", refused.exceeded());
    assertFalse(refused.tooLarge());
    assertEquals(Duration.ofSeconds(10), refused.retryAfter());
    assertEquals(59, refused.state().remainingRequests());
    assertEquals(1000, refused.state().remainingTokens());
  }

  @Test
  void aRequestOverTheRequestBudgetIsRefusedAsRequests() {
    RateLimiter limiter = new RateLimiter(2, 0, clock);
    limiter.admit(10);
    limiter.admit(10);

    Admission refused = limiter.admit(10);

    assertFalse(refused.admitted());
    assertEquals("requests", refused.exceeded());
    assertEquals(Duration.ofSeconds(30), refused.retryAfter());
  }

  @Test
  void aRequestLargerThanTheWholeMinuteIsTooLarge() {
    Admission refused = new RateLimiter(0, 1000, clock).admit(1001);

    assertFalse(refused.admitted());
    assertTrue(refused.tooLarge());
  }

  @Test
  void noLimitAdmitsEverythingAndReportsAHugeUntouchedBudget() {
    RateLimiter limiter = new RateLimiter(0, 0, clock);

    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.admit(1_000_000).admitted());
    }
    assertEquals(RateLimiter.UNLIMITED_REPORTED, limiter.state().remainingRequests());
    assertEquals(RateLimiter.UNLIMITED_REPORTED, limiter.state().remainingTokens());
    assertEquals(Duration.ZERO, limiter.state().resetTokens());
  }

  @Test
  void resetFillsTheBucketsAgain() {
    RateLimiter limiter = new RateLimiter(2, 100, clock);
    limiter.admit(100);

    limiter.reset();

    assertEquals(2, limiter.state().remainingRequests());
    assertEquals(100, limiter.state().remainingTokens());
  }
}
