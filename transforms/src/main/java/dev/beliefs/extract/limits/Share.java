package dev.beliefs.extract.limits;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The part of the job's requests in flight, rate limits and spending cap that one holder may use:
 * share {@code index} of {@code count} equal shares, which add up to the whole whatever runs where.
 * On Flink the holder is one subtask of the extraction step (the count is the step's parallelism,
 * known to every subtask); on a runner whose whole job runs in one JVM it is that JVM ({@link
 * #whole}). Integers are split so that the parts add up exactly: with 10 workers over 4 shares,
 * shares 0 and 1 get 3 and shares 2 and 3 get 2.
 *
 * @param index which share, from 0
 * @param count how many shares the whole is split into
 * @param holder names the holder, so that two holders of one share (a subtask and its restarted
 *     attempt) never share state in one JVM; empty for the whole JVM, whose users share it
 */
public record Share(int index, int count, String holder) implements Serializable {

  public Share {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("no share " + index + " of " + count);
    }
  }

  /** All of it, shared by every user in the JVM. */
  public static Share whole() {
    return new Share(0, 1, "");
  }

  /** This share's part of {@code total} (workers, requests or tokens per minute). */
  public long partOf(long total) {
    return total / count + (index < total % count ? 1 : 0);
  }

  /** This share's part of a spending cap, rounded down to a millionth of a cent. */
  public BigDecimal partOf(BigDecimal total) {
    return total.divide(BigDecimal.valueOf(count), 8, RoundingMode.DOWN);
  }

  /**
   * This share's part of per-minute limits; a limit of 0 (none) stays 0.
   *
   * @throws IllegalArgumentException a limit too small to give every share at least 1, since a
   *     share's 0 would mean no limit at all
   */
  public RateLimits partOf(RateLimits limits) {
    return new RateLimits(
        partOfLimit(limits.requestsPerMinute(), "requests"),
        partOfLimit(limits.tokensPerMinute(), "tokens"));
  }

  private long partOfLimit(long perMinute, String what) {
    if (perMinute > 0 && perMinute < count) {
      throw new IllegalArgumentException(
          perMinute + " " + what + " per minute cannot be split over " + count + " shares");
    }
    return partOf(perMinute);
  }

  /** Names this share's state in the JVM: the same for every user of the whole JVM's share. */
  public String key() {
    return index + "of" + count + (holder.isEmpty() ? "" : "-" + holder);
  }

  @Override
  public String toString() {
    return "share " + (index + 1) + " of " + count;
  }
}
