package dev.beliefs.pipeline.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations written as Go's {@code time.Duration.String()} writes them, the form of OpenAI's {@code
 * x-ratelimit-reset-*} headers: {@code 0s}, {@code 12ms}, {@code 1.5s}, {@code 6m0s}, {@code
 * 1h0m0s}. Rounded up to the millisecond, so that a client that waits that long finds the budget.
 */
final class GoDuration {

  private GoDuration() {}

  static String format(Duration duration) {
    long millis = Math.max(0, ceilMillis(duration));
    if (millis == 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long secondsMillis = millis % 60_000;
    StringBuilder text = new StringBuilder();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    text.append(secondsMillis / 1000);
    if (secondsMillis % 1000 != 0) {
      String fraction =
          String.format(Locale.ROOT, "%03d", secondsMillis % 1000).replaceAll("0+$", "");
      text.append('.').append(fraction);
    }
    return text.append('s').toString();
  }

  private static long ceilMillis(Duration duration) {
    long millis = duration.toMillis();
    return duration.minusMillis(millis).isZero() ? millis : millis + 1;
  }
}
