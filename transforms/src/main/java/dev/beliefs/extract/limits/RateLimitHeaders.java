package dev.beliefs.extract.limits;

import com.google.api.client.http.HttpHeaders;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * OpenAI's {@code x-ratelimit-*} and {@code retry-after} headers. The server's view is the
 * organisation's: it is how workers that share one budget learn what the others used. Absent
 * headers are null.
 */
public record RateLimitHeaders(
    @Nullable Long limitRequests,
    @Nullable Long limitTokens,
    @Nullable Long remainingRequests,
    @Nullable Long remainingTokens,
    @Nullable Duration resetRequests,
    @Nullable Duration resetTokens,
    @Nullable Duration retryAfter) {

  public static final RateLimitHeaders NONE =
      new RateLimitHeaders(null, null, null, null, null, null, null);

  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  public static RateLimitHeaders from(HttpHeaders headers) {
    return new RateLimitHeaders(
        number(headers, "x-ratelimit-limit-requests"),
        number(headers, "x-ratelimit-limit-tokens"),
        number(headers, "x-ratelimit-remaining-requests"),
        number(headers, "x-ratelimit-remaining-tokens"),
        duration(headers.getFirstHeaderStringValue("x-ratelimit-reset-requests")),
        duration(headers.getFirstHeaderStringValue("x-ratelimit-reset-tokens")),
        retryAfter(headers));
  }

  /** Parses Go-style durations as OpenAI sends them: {@code 1s}, {@code 6m0s}, {@code 12ms}. */
  public static @Nullable Duration duration(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher part = GO_DURATION_PART.matcher(value.strip());
    double millis = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      double amount = Double.parseDouble(part.group(1));
      millis +=
          switch (part.group(2)) {
            case "h" -> amount * 3_600_000;
            case "m" -> amount * 60_000;
            case "s" -> amount * 1_000;
            default -> amount;
          };
      end = part.end();
    }
    return end == value.strip().length() ? Duration.ofMillis(Math.round(millis)) : null;
  }

  private static @Nullable Duration retryAfter(HttpHeaders headers) {
    String millis = headers.getFirstHeaderStringValue("retry-after-ms");
    if (millis != null) {
      try {
        return Duration.ofMillis(Math.round(Double.parseDouble(millis)));
      } catch (NumberFormatException e) {
        // fall through to the seconds header
      }
    }
    String seconds = headers.getFirstHeaderStringValue("retry-after");
    if (seconds != null) {
      try {
        return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable Long number(HttpHeaders headers, String name) {
    String value = headers.getFirstHeaderStringValue(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
