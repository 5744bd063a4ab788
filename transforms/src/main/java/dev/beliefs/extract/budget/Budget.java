package dev.beliefs.extract.budget;

import dev.beliefs.extract.limits.Share;
import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One {@link Share}'s part of the run's spending cap. No request starts unless what the share spent
 * (in this attempt and, from the {@link SpendingLedger}, in its earlier ones), plus the worst case
 * of its requests in flight, plus the request's own worst case (its whole prompt uncached and all
 * of {@code max_tokens}) stays within the part; the parts add up to the cap, so the run's spending
 * never passes it. A request that does not fit waits while requests in flight may still settle
 * below their worst case, and is refused only when it does not fit with none in flight. Every
 * billed attempt counts, a malformed answer included. Without a cap it only keeps the sums.
 */
public final class Budget {

  /** Worst cases recorded in the ledger ahead of need, so that not every request writes it. */
  static final int RECORDED_AHEAD = 4;

  private final @Nullable BigDecimal cap;
  private final @Nullable BigDecimal part;
  private final Share share;
  private final SpendingLedger.Account account;
  private BigDecimal spent;
  private BigDecimal reserved = BigDecimal.ZERO;
  private BigDecimal recorded;

  /** All of {@code cap}, recorded nowhere. */
  public Budget(@Nullable BigDecimal cap) {
    this(cap, Share.whole(), SpendingLedger.NONE);
  }

  /**
   * @param cap the run's cap, of which this budget holds {@code share}; null for none
   * @param account where the share's spending is recorded, and what earlier attempts spent
   */
  public Budget(@Nullable BigDecimal cap, Share share, SpendingLedger.Account account) {
    this.cap = cap;
    this.part = cap == null ? null : share.partOf(cap);
    this.share = share;
    this.account = account;
    this.spent = account.spentBefore();
    this.recorded = spent;
  }

  /**
   * Reserves {@code worstCase}, waiting while requests in flight may still leave room for it.
   *
   * @return false when it cannot fit even with no request in flight
   */
  public synchronized boolean reserve(BigDecimal worstCase) throws InterruptedException {
    if (part != null) {
      while (spent.add(reserved).add(worstCase).compareTo(part) > 0) {
        if (reserved.signum() == 0) {
          return false;
        }
        wait();
      }
    }
    hold(worstCase);
    return true;
  }

  /**
   * Reserves {@code worstCase} only if it fits now, without waiting: for a caller that settles its
   * requests on the same thread (the Batch API's rounds), where waiting could never end.
   *
   * @return false when what is spent and reserved leaves no room for it now
   */
  public synchronized boolean tryReserve(BigDecimal worstCase) {
    if (part != null && spent.add(reserved).add(worstCase).compareTo(part) > 0) {
      return false;
    }
    hold(worstCase);
    return true;
  }

  /**
   * Counts {@code worstCase} as in flight whether or not it fits: a request already sent (by an
   * earlier run, into a batch this run awaits) may be billed in any case.
   */
  public synchronized void hold(BigDecimal worstCase) {
    reserved = reserved.add(worstCase);
    BigDecimal committed = spent.add(reserved);
    if (part != null && committed.compareTo(recorded) > 0) {
      recorded = committed.add(worstCase.multiply(BigDecimal.valueOf(RECORDED_AHEAD))).min(part);
      account.commit(recorded, spent);
    }
  }

  /** Replaces a reservation by what the attempt may have been billed (zero when nothing). */
  public synchronized void settle(BigDecimal worstCase, BigDecimal actual) {
    reserved = reserved.subtract(worstCase);
    spent = spent.add(actual);
    notifyAll();
  }

  /** Records what was spent, once no more requests will be asked. */
  public synchronized void close() {
    if (part != null) {
      account.close(spent);
    }
  }

  public synchronized BigDecimal spent() {
    return spent;
  }

  @Nullable BigDecimal cap() {
    return cap;
  }

  /** Why a request of {@code worstCase} was refused, for its failure record. */
  public synchronized String refusal(BigDecimal worstCase) {
    String of =
        share.count() == 1
            ? "--maxCostUsd=" + cap.toPlainString()
            : "$" + part.toPlainString() + ", " + share + " of --maxCostUsd=" + cap.toPlainString();
    return "not sent: its worst case, $"
        + worstCase.toPlainString()
        + ", does not fit in what is left of "
        + of
        + " ($"
        + spent.toPlainString()
        + " spent)";
  }
}
