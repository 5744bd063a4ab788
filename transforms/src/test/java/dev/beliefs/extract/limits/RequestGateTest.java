package dev.beliefs.extract.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestGateTest {

  private static RateLimitHeaders remaining(Long requests, Long tokens) {
    return new RateLimitHeaders(null, null, requests, tokens, null, null, null);
  }

  @Test
  void requestsWithinTheLimitsPassWithoutWaiting() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(3, 10_000));

    for (int i = 0; i < 3; i++) {
      gate.admit(3000);
    }
    CompletableFuture<Void> fourth = admitLater(gate, 1);

    assertFalse(waits(fourth, 200), "the fourth request in a minute waits for the bucket");
    fourth.cancel(true);
  }

  @Test
  void tokenBudgetIsPromptPlusMaxTokens() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(0, 6_000));
    gate.admit(4_000);

    CompletableFuture<Void> next = admitLater(gate, 4_000);

    assertFalse(waits(next, 200), "4,000 + 4,000 tokens exceed 6,000 per minute");
    next.cancel(true);
  }

  @Test
  void serverSayingLessIsLeft_drainsTheLocalBucket() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(100, 0));
    gate.observe(gate.admit(1), remaining(0L, null));

    CompletableFuture<Void> next = admitLater(gate, 1);

    assertFalse(waits(next, 200), "another JVM used the requests the server says are gone");
    next.cancel(true);
  }

  @Test
  void serverSayingMoreIsLeft_doesNotRaiseTheLocalLimit() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(1, 0));
    gate.observe(gate.admit(1), remaining(1000L, null));

    CompletableFuture<Void> next = admitLater(gate, 1);

    assertFalse(waits(next, 200));
    next.cancel(true);
  }

  @Test
  void withoutConfiguredLimits_theServersLimitHeadersSetThem() throws Exception {
    RequestGate gate = new RequestGate(RateLimits.NONE);
    gate.observe(gate.admit(1_000_000), new RateLimitHeaders(2L, null, 1L, null, null, null, null));
    gate.admit(1);

    CompletableFuture<Void> next = admitLater(gate, 1);

    assertFalse(waits(next, 200), "learned 2 per minute, 1 left, 1 taken");
    next.cancel(true);
  }

  @Test
  void requestsSentAfterTheOneAnswered_areTakenOffWhatTheServerSaysIsLeft() throws Exception {
    RequestGate gate = new RequestGate(RateLimits.NONE);
    RequestGate.Admission first = gate.admit(100);
    for (int i = 0; i < 3; i++) {
      gate.admit(100);
    }

    gate.observe(first, new RateLimitHeaders(null, 1_000L, null, 900L, null, null, null));

    assertTrue(
        waits(admitLater(gate, 440), 2_000),
        "900 left at the first, 300 sent since, which the server may count as 450");
    CompletableFuture<Void> next = admitLater(gate, 100);
    assertFalse(waits(next, 200), "the burst before the limits were known is not free again");
    next.cancel(true);
  }

  @Test
  void theTokensSentSinceAnAnswer_areTakenOffWithTheMarginForTheServersOwnCount_evenOnceBilled()
      throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(0, 1_000));
    RequestGate.Admission first = gate.admit(100);
    for (int i = 0; i < 3; i++) {
      gate.admit(100);
    }
    for (int i = 0; i < 3; i++) {
      gate.correct(100, 10);
    }

    gate.observe(first, new RateLimitHeaders(null, 1_000L, null, 900L, null, null, null));

    assertTrue(
        waits(admitLater(gate, 440), 2_000),
        "900 left, less 300 sent since x (1 + " + RequestGate.SERVER_COUNT_MARGIN + ")");
    CompletableFuture<Void> next = admitLater(gate, 100);
    assertFalse(
        waits(next, 200), "billing them lower does not change what the server counted for them");
    next.cancel(true);
  }

  @Test
  void overEstimatedPrompt_isGivenBack() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(0, 5_000));
    gate.admit(5_000);
    gate.correct(5_000, 1_000);

    assertTrue(waits(admitLater(gate, 3_000), 2_000));
  }

  @Test
  void backOffPrefersRetryAfter_thenTheExhaustedReset_thenTheFallback() {
    RequestGate gate = new RequestGate(RateLimits.NONE);
    Duration fallback = Duration.ofMillis(7);

    assertEquals(
        Duration.ofSeconds(2),
        gate.backOff(
            new RateLimitHeaders(
                null,
                null,
                0L,
                0L,
                Duration.ofSeconds(9),
                Duration.ofSeconds(9),
                Duration.ofSeconds(2)),
            fallback));
    assertEquals(
        Duration.ofMillis(6500),
        gate.backOff(
            new RateLimitHeaders(
                null, null, 5L, 0L, Duration.ofMillis(20), Duration.ofMillis(6500), null),
            fallback));
    assertEquals(fallback, gate.backOff(RateLimitHeaders.NONE, fallback));
  }

  @Test
  void aShareOfTheLimitsHoldsItsPart_andItsPartOfWhatTheServerSaysIsLeft() throws Exception {
    RequestGate gate = new RequestGate(new RateLimits(10, 100_000), new Share(1, 4, "x"));
    assertEquals(new RateLimits(3, 25_000), gate.available());

    RequestGate.Admission admission = gate.admit(1_000);
    gate.observe(admission, remaining(8L, 40_000L));

    // A quarter of the organisation's 40,000 tokens left is 10,000 (plus the refill since, which a
    // slow machine makes larger); the whole 40,000 would not have drained the share's 24,000.
    RateLimits left = gate.available();
    assertEquals(2, left.requestsPerMinute());
    assertTrue(
        left.tokensPerMinute() >= 10_000 && left.tokensPerMinute() < 20_000, left.toString());
  }

  private static CompletableFuture<Void> admitLater(RequestGate gate, long tokens) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            gate.admit(tokens);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private static boolean waits(CompletableFuture<Void> admission, long millis) {
    try {
      admission.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
