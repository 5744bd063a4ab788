package dev.beliefs.pipeline.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as the report shows them: grouped thousands, dollars, shares. */
final class Numbers {

  private Numbers() {}

  /** {@code 257,241}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1 transcript}, {@code 1,024 chunks}. */
  static String of(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@code $0}, {@code $0.01447} (four significant digits under a dollar), {@code $1,234.57}. */
  static String usd(BigDecimal usd) {
    if (usd.signum() == 0) {
      return "$0";
    }
    if (usd.abs().compareTo(BigDecimal.ONE) < 0) {
      return "$" + usd.round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "$%,.2f", usd);
  }

  static String usd(double usd) {
    return usd(BigDecimal.valueOf(usd));
  }

  /** {@code 71.2%}; a dash when there is nothing to divide by. */
  static String percent(double share) {
    return Double.isNaN(share) || Double.isInfinite(share)
        ? "-"
        : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** {@code 0.72}. */
  static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** An axis label: {@code 1,500}, {@code 0.0025}. */
  static String axis(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return count((long) value);
    }
    return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
