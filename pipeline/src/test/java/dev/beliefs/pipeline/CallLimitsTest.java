package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.RateLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CallLimitsTest {

  @Test
  void aTiersPublishedLimits_eachOverriddenWhenGiven() throws ConfigurationException {
    assertEquals(RateLimits.NONE, CallLimits.rateLimits(options(), "gpt-4o-mini"));
    assertEquals(
        new RateLimits(500, 200_000), CallLimits.rateLimits(options("--tier=1"), "gpt-4o-mini"));
    assertEquals(
        new RateLimits(20, 200_000),
        CallLimits.rateLimits(options("--tier=1", "--rpmLimit=20"), "gpt-4o-mini"));
  }

  @Test
  void aTierWithoutPublishedLimits_andNegativeLimits_areRefused() {
    ConfigurationException tier =
        assertThrows(
            ConfigurationException.class,
            () -> CallLimits.rateLimits(options("--tier=1"), "gpt-9-preview"));
    ConfigurationException negative =
        assertThrows(
            ConfigurationException.class,
            () -> CallLimits.rateLimits(options("--tpmLimit=-1"), "gpt-4o-mini"));

    assertTrue(
        tier.getMessage().startsWith("--tier=1: no published limits for gpt-9-preview"),
        tier.getMessage());
    assertEquals("--rpmLimit and --tpmLimit must be >= 0", negative.getMessage());
  }

  @Test
  void theSpendingCap_isAPositiveAmount_orNone() throws ConfigurationException {
    assertNull(CallLimits.maxCost(options()));
    assertEquals(new BigDecimal("2.5"), CallLimits.maxCost(options("--maxCostUsd=2.5")));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> CallLimits.maxCost(options("--maxCostUsd=0")));
    assertEquals("--maxCostUsd must be a positive amount in USD, got 0.0", e.getMessage());
  }

  private static BeliefOptions options(String... args) {
    return TestOptions.parse(args);
  }
}
