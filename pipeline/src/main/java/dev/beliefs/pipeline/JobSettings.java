package dev.beliefs.pipeline;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.batch.BatchSettings;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.incremental.ExtractionSettings;
import dev.beliefs.io.RunSummary;
import dev.beliefs.parse.TranscriptParser;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link BeliefOptions} checked and turned into the plain values the transforms take. Every problem
 * is a {@link ConfigurationException} with one line naming the option. Each concern is decided in
 * its own class: what {@code --workers} means ({@link Runners}), the model and its price ({@link
 * ModelChoice}), the rate limits and the spending cap ({@link CallLimits}), the extractor ({@link
 * ExtractorChoice}), reading and cutting the input ({@link TranscriptReading}) and the output's
 * folders ({@link OutputDirs}).
 */
public record JobSettings(
    String input,
    String inputRoot,
    String output,
    TranscriptParser parser,
    long maxTranscriptBytes,
    ChunkPlan chunkPlan,
    BeliefExtractorFactory extractors,
    ModelPrice price,
    RunSummary.RunInfo runInfo,
    RateLimits rateLimits,
    boolean offline,
    ExtractionSettings extraction,
    boolean incremental,
    WorkerPlan workers,
    @Nullable BatchSettings batch) {

  /**
   * @param apiKeys where workers find the key; also asked here to choose the offline extractor
   */
  public static JobSettings from(BeliefOptions options, ApiKeySource apiKeys)
      throws ConfigurationException {
    checkCounts(options);
    String model = ModelChoice.model(options);
    boolean offline = ExtractorChoice.offline(options, apiKeys);
    if (offline && options.getBatch()) {
      throw new ConfigurationException(
          "--batch needs a model to send batches to: set OPENAI_API_KEY or --baseUrl");
    }
    RateLimits rateLimits = offline ? RateLimits.NONE : CallLimits.rateLimits(options, model);
    // Before anything is created, so that a Flink cluster that is not there fails first.
    WorkerPlan workers = Runners.plan(options, rateLimits);
    ExtractorChoice extractor =
        offline
            ? ExtractorChoice.offline()
            : ExtractorChoice.openAi(options, model, rateLimits, apiKeys);
    ChunkPlan chunkPlan = TranscriptReading.chunkPlan(options);
    return new JobSettings(
        options.getInput(),
        TranscriptReading.inputRoot(options.getInput()),
        options.getOutput(),
        TranscriptReading.parser(options.getFormat()),
        options.getMaxTranscriptBytes(),
        chunkPlan,
        extractor.extractors(),
        extractor.price(),
        new RunSummary.RunInfo(
            workers.requestsInFlight(),
            options.getRunner().getSimpleName(),
            extractor.model(),
            extractor.batch() != null,
            ExtractionPrompt.VERSION,
            offline ? null : CallLimits.maxCost(options)),
        rateLimits,
        offline,
        new ExtractionSettings(
            extractor.model(),
            chunkPlan.levels(),
            chunkPlan.minChunkWords(),
            ExtractionPrompt.VERSION,
            options.getSeed(),
            options.getMaxTokens()),
        TranscriptReading.incremental(options),
        // Batch mode gathers every chunk before it asks, so it cannot be paced.
        extractor.batch() == null ? workers : workers.withoutReadAhead(),
        extractor.batch());
  }

  /** The same settings, extracting through the Batch API with {@code batch}; for tests. */
  JobSettings withBatch(BatchSettings batch) {
    return new JobSettings(
        input,
        inputRoot,
        output,
        parser,
        maxTranscriptBytes,
        chunkPlan,
        extractors,
        price,
        runInfo,
        rateLimits,
        offline,
        extraction,
        incremental,
        workers.withoutReadAhead(),
        batch);
  }

  /** The counts every run needs, checked before anything else is decided. */
  private static void checkCounts(BeliefOptions options) throws ConfigurationException {
    Runners.requestsInFlight(options);
    if (options.getMaxAttempts() < 1) {
      throw new ConfigurationException(
          "--maxAttempts must be >= 1, got " + options.getMaxAttempts());
    }
    if (options.getMaxTokens() < 16) {
      throw new ConfigurationException("--maxTokens must be >= 16, got " + options.getMaxTokens());
    }
  }
}
