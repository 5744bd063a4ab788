package dev.beliefs.pipeline;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.batch.BatchSettings;
import dev.beliefs.extract.budget.SpendingLedger;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.offline.OfflineExtractor;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.extract.openai.OpenAiExtractor;
import dev.beliefs.extract.openai.OpenAiSettings;
import java.time.Duration;
import java.util.UUID;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which extractor the run uses, and what its answers cost: the offline extractor, free, when there
 * is neither an API key nor {@code --baseUrl}; else the chosen model of an OpenAI-compatible
 * server, asked online through the response cache and the spending ledger, or with {@code --batch}
 * through the Batch API.
 *
 * @param model the model asked, as accounted in costs and summaries
 * @param batch the Batch API's settings with {@code --batch}; null to ask online
 */
record ExtractorChoice(
    String model,
    BeliefExtractorFactory extractors,
    ModelPrice price,
    @Nullable BatchSettings batch) {

  static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  /** Whether the run extracts offline: it has no server to ask. */
  static boolean offline(BeliefOptions options, ApiKeySource apiKeys) {
    return apiKeys.apiKey() == null && options.getBaseUrl() == null;
  }

  /** {@code --baseUrl}, by default OpenAI's. */
  static String baseUrl(BeliefOptions options) {
    return options.getBaseUrl() == null ? OPENAI_BASE_URL : options.getBaseUrl();
  }

  static ExtractorChoice offline() {
    return new ExtractorChoice(
        OfflineExtractor.MODEL, OfflineExtractor.factory(), ModelPrice.FREE, null);
  }

  /**
   * @param apiKeys where workers find the key
   */
  static ExtractorChoice openAi(
      BeliefOptions options, String model, RateLimits rateLimits, ApiKeySource apiKeys)
      throws ConfigurationException {
    ModelPrice price = ModelChoice.price(options, model);
    OpenAiSettings openAi =
        OpenAiSettings.builder()
            .baseUrl(baseUrl(options))
            .chat(ModelChoice.chat(options, model))
            .apiKeySource(apiKeys)
            .connectTimeout(Duration.ofSeconds(options.getConnectTimeoutSeconds()))
            .readTimeout(Duration.ofSeconds(options.getRequestTimeoutSeconds()))
            .retry(RetryPolicy.withMaxAttempts(options.getMaxAttempts()))
            .rateLimits(rateLimits)
            .maxCostUsd(CallLimits.maxCost(options))
            .price(price)
            .sharedKey(UUID.randomUUID().toString())
            .build();
    ResponseCache cache = new ResponseCache(OutputDirs.cacheDir(options), options.getJobName());
    BeliefExtractorFactory extractors =
        OpenAiExtractor.factory(
            openAi, cache, new SpendingLedger(OutputDirs.ledgerDir(options), options.getJobName()));
    BatchSettings batch =
        options.getBatch()
            ? BatchSettings.builder()
                .openAi(openAi)
                .cache(cache)
                .recordsDirectory(OutputDirs.batchesDir(options))
                .build()
            : null;
    return new ExtractorChoice(model, extractors, price, batch);
  }
}
