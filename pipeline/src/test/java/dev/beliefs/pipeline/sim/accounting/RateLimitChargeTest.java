package dev.beliefs.pipeline.sim.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateLimitChargeTest {

  @Test
  void aRequestTakesItsCharactersOverFourRoundedUp_plusItsMaxTokens() {
    assertEquals(1500, RateLimitCharge.of(0, 1500));
    assertEquals(1 + 1500, RateLimitCharge.of(1, 1500));
    assertEquals(1 + 1500, RateLimitCharge.of(4, 1500));
    assertEquals(2 + 1500, RateLimitCharge.of(5, 1500));
    assertEquals(2_500 + 16, RateLimitCharge.of(10_000, 16));
  }
}
