package dev.beliefs.pipeline.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The budget as OpenAI reports it on every response: limits per minute, what remains, and how long
 * until each bucket is full again.
 */
record RateLimitState(
    long limitRequests,
    long limitTokens,
    long remainingRequests,
    long remainingTokens,
    Duration resetRequests,
    Duration resetTokens) {

  /**
   * The {@code x-ratelimit-*} headers, reset times as Go durations ({@code 6m0s}, {@code 12ms}).
   */
  Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-ratelimit-limit-requests", Long.toString(limitRequests));
    headers.put("x-ratelimit-limit-tokens", Long.toString(limitTokens));
    headers.put("x-ratelimit-remaining-requests", Long.toString(remainingRequests));
    headers.put("x-ratelimit-remaining-tokens", Long.toString(remainingTokens));
    headers.put("x-ratelimit-reset-requests", GoDuration.format(resetRequests));
    headers.put("x-ratelimit-reset-tokens", GoDuration.format(resetTokens));
    return headers;
  }
}
