package dev.beliefs.extract;

import dev.beliefs.model.Usage;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A successful chat completion: the first choice and the usage billed for it.
 *
 * @param finishReason {@code stop}, {@code length}, {@code content_filter}...
 * @param refusal the model's refusal message, when it refused
 * @param model the model that answered, as the server names it
 */
public record ChatResponse(
    @Nullable String content,
    String finishReason,
    @Nullable String refusal,
    Usage usage,
    String model,
    RateLimitHeaders rateLimits) {}
