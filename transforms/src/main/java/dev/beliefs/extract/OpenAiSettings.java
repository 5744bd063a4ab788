package dev.beliefs.extract;

import java.io.Serializable;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible server and how hard to try.
 *
 * @param baseUrl for example {@code https://api.openai.com/v1}
 * @param maxAttempts requests per chunk at most, the first included
 * @param initialBackoff wait before the first retry; later waits double, with full jitter, up to
 *     {@code maxBackoff}
 */
public record OpenAiSettings(
    String baseUrl,
    ChatSettings chat,
    ApiKeySource apiKeySource,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff)
    implements Serializable {}
