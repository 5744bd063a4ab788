package dev.beliefs.extract.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.Share;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetTest {

  private static final BigDecimal WORST = new BigDecimal("0.004");

  @TempDir Path temp;

  @Test
  void aRequestThatFitsOnlyOnceTheRequestsInFlightSettle_waitsForThem() throws Exception {
    Budget budget = new Budget(new BigDecimal("0.01"));
    assertTrue(budget.reserve(WORST));
    assertTrue(budget.reserve(WORST));

    CompletableFuture<Boolean> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.reserve(WORST);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    budget.settle(WORST, new BigDecimal("0.001"));

    assertTrue(third.get(), "0.001 spent + 0.004 in flight + 0.004 fits 0.01");
    assertEquals(new BigDecimal("0.001"), budget.spent());
  }

  @Test
  void aRequestThatCannotFitWithNothingInFlight_isRefused() throws Exception {
    Budget budget = new Budget(new BigDecimal("0.01"));
    assertTrue(budget.reserve(WORST));
    budget.settle(WORST, new BigDecimal("0.007"));

    assertFalse(budget.reserve(WORST));
    assertEquals(
        "not sent: its worst case, $0.004, does not fit in what is left of --maxCostUsd=0.01"
            + " ($0.007 spent)",
        budget.refusal(WORST));
  }

  @Test
  void tryReserve_refusesAtOnceWhatDoesNotFitNow_evenWithRequestsInFlight() {
    Budget budget = new Budget(new BigDecimal("0.01"));
    assertTrue(budget.tryReserve(WORST));
    assertTrue(budget.tryReserve(WORST));

    assertFalse(budget.tryReserve(WORST), "0.008 in flight + 0.004 passes 0.01; no waiting");
    budget.settle(WORST, new BigDecimal("0.001"));
    assertTrue(budget.tryReserve(WORST), "0.001 spent + 0.008 in flight fits 0.01");
  }

  @Test
  void hold_countsARequestAlreadyInFlight_pastTheCap() {
    Budget budget = new Budget(new BigDecimal("0.006"));
    budget.hold(WORST);
    budget.hold(WORST);

    assertFalse(budget.tryReserve(new BigDecimal("0.000001")));
    budget.settle(WORST, BigDecimal.ZERO);
    budget.settle(WORST, new BigDecimal("0.002"));
    assertTrue(budget.tryReserve(new BigDecimal("0.004")));
    assertEquals(new BigDecimal("0.002"), budget.spent());
  }

  @Test
  void aShareHoldsItsPartOfTheCap() throws Exception {
    Budget budget = new Budget(new BigDecimal("0.02"), new Share(1, 4, "x"), SpendingLedger.NONE);

    assertTrue(budget.reserve(WORST));
    budget.settle(WORST, new BigDecimal("0.002"));

    assertFalse(budget.reserve(WORST), "0.002 + 0.004 passes a quarter of 0.02");
    assertEquals(
        "not sent: its worst case, $0.004, does not fit in what is left of $0.00500000, share 2"
            + " of 4 of --maxCostUsd=0.02 ($0.002 spent)",
        budget.refusal(WORST));
  }

  @Test
  void aRestartedAttemptOfAShare_goesOnFromWhatItsEarlierAttemptsMayHaveSpent() throws Exception {
    SpendingLedger ledger = new SpendingLedger(temp.toString(), "run-1");
    BigDecimal cap = new BigDecimal("0.08");
    Share share = new Share(0, 2, "attempt-0");
    Budget killed = attempt(ledger, cap, share);
    assertTrue(killed.reserve(WORST));
    killed.settle(WORST, new BigDecimal("0.001"));
    assertTrue(killed.reserve(WORST));
    // Killed with a request in flight: its ledger shows the ceiling recorded before sending.

    Budget restarted = attempt(ledger, cap, new Share(0, 2, "attempt-1"));

    // The ceiling recorded before the first request: its worst case and 4 more ahead.
    assertAmount("0.020", restarted.spent());
    assertTrue(restarted.reserve(WORST));
    restarted.settle(WORST, WORST);
    restarted.close();

    Budget third = attempt(ledger, cap, new Share(0, 2, "attempt-2"));
    assertAmount("0.044", third.spent());
    assertFalse(third.reserve(WORST), "0.044 + 0.004 passes half of 0.08");
    assertAmount("0", attempt(ledger, cap, new Share(1, 2, "attempt-0")).spent());
  }

  private static Budget attempt(SpendingLedger ledger, BigDecimal cap, Share share) {
    return new Budget(cap, share, ledger.open(share));
  }

  private static void assertAmount(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), actual.toPlainString());
  }

  @Test
  void withoutACap_everyRequestIsReservedAndTheSumsAreKept() throws Exception {
    Budget budget = new Budget(null);
    for (int i = 0; i < 100; i++) {
      assertTrue(budget.reserve(WORST));
    }
    budget.settle(WORST, new BigDecimal("0.5"));
    assertEquals(new BigDecimal("0.5"), budget.spent());
  }
}
