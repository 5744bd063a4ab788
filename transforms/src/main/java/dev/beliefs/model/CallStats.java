package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.math.BigDecimal;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What extracting one chunk cost and how it went, whether it succeeded or not: the unit of
 * accounting that {@code SumCosts} adds up.
 *
 * @param model the model asked, or {@code offline}
 * @param level the chunk's level
 * @param succeeded whether the chunk produced a result
 * @param requests HTTP requests sent, retries included
 * @param retries requests after the first
 * @param rateLimited requests answered 429
 * @param fromCache whether the answer came from the response cache (no request, no cost)
 * @param usage tokens of every billed attempt
 * @param costUsd cost of every billed attempt
 * @param latencyMs time from the first request to the final answer
 * @param beliefs grounded beliefs kept
 * @param ungroundedDropped beliefs dropped because their evidence was not in the cited utterance or
 *     could not show them
 * @param injectionDropped beliefs dropped because they cite an utterance that gives an AI system
 *     instructions
 * @param savedUsd for an answer from the cache, what it cost when it was first asked
 * @param cacheCorrupt a response cache entry for the chunk was unusable and asked again
 * @param finishedAtMs when the answer (or the last failure) came, epoch milliseconds
 * @param lostRequests requests sent whose answers never came back, though the API may bill them
 * @param lostCostBoundUsd the most those may cost: each one's prompt uncached and all its {@code
 *     max_tokens}
 * @param deduplicated answered by an identical request of the same run, for another chunk
 * @param failureReason the failure record's reason when the chunk failed, else null
 */
@DefaultCoder(JsonCoder.class)
public record CallStats(
    String model,
    int level,
    boolean succeeded,
    int requests,
    int retries,
    int rateLimited,
    boolean fromCache,
    Usage usage,
    BigDecimal costUsd,
    long latencyMs,
    int beliefs,
    int ungroundedDropped,
    int injectionDropped,
    BigDecimal savedUsd,
    boolean cacheCorrupt,
    long finishedAtMs,
    int lostRequests,
    BigDecimal lostCostBoundUsd,
    boolean deduplicated,
    @Nullable String failureReason)
    implements Serializable {}
