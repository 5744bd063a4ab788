package dev.beliefs.extract;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The spending cap of a run. No request starts unless what was spent, plus the worst case of the
 * requests in flight, plus its own worst case (its whole prompt uncached and all of {@code
 * max_tokens}) stays within the cap; so spending never passes the cap. Every billed attempt counts,
 * a malformed answer included. Without a cap it only keeps the sums.
 */
final class Budget {

  private final @Nullable BigDecimal cap;
  private BigDecimal spent = BigDecimal.ZERO;
  private BigDecimal reserved = BigDecimal.ZERO;

  Budget(@Nullable BigDecimal cap) {
    this.cap = cap;
  }

  /** Reserves {@code worstCase}; false when that could pass the cap. */
  synchronized boolean reserve(BigDecimal worstCase) {
    if (cap != null && spent.add(reserved).add(worstCase).compareTo(cap) > 0) {
      return false;
    }
    reserved = reserved.add(worstCase);
    return true;
  }

  /** Replaces a reservation by what the attempt really cost (zero when nothing was billed). */
  synchronized void settle(BigDecimal worstCase, BigDecimal actual) {
    reserved = reserved.subtract(worstCase);
    spent = spent.add(actual);
  }

  synchronized BigDecimal spent() {
    return spent;
  }

  @Nullable BigDecimal cap() {
    return cap;
  }
}
