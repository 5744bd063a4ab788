package dev.beliefs.pipeline;

import static java.util.Objects.requireNonNull;

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
 * folders ({@link OutputDirs}). Tests change one with {@link #toBuilder()}; the record's
 * constructor is the builder's target, not for callers.
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
    return builder()
        .input(options.getInput())
        .inputRoot(TranscriptReading.inputRoot(options.getInput()))
        .output(options.getOutput())
        .parser(TranscriptReading.parser(options.getFormat()))
        .maxTranscriptBytes(options.getMaxTranscriptBytes())
        .chunkPlan(chunkPlan)
        .extractors(extractor.extractors())
        .price(extractor.price())
        .runInfo(
            new RunSummary.RunInfo(
                workers.requestsInFlight(),
                options.getRunner().getSimpleName(),
                extractor.model(),
                extractor.batch() != null,
                ExtractionPrompt.VERSION,
                offline ? null : CallLimits.maxCost(options)))
        .rateLimits(rateLimits)
        .offline(offline)
        .extraction(
            new ExtractionSettings(
                extractor.model(),
                chunkPlan.levels(),
                chunkPlan.minChunkWords(),
                ExtractionPrompt.VERSION,
                options.getSeed(),
                options.getMaxTokens()))
        .incremental(TranscriptReading.incremental(options))
        // Batch mode gathers every chunk before it asks, so it cannot be paced.
        .workers(extractor.batch() == null ? workers : workers.withoutReadAhead())
        .batch(extractor.batch())
        .build();
  }

  /** The same settings, extracting through the Batch API with {@code batch}; for tests. */
  JobSettings withBatch(BatchSettings batch) {
    return toBuilder().workers(workers.withoutReadAhead()).batch(batch).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .input(input)
        .inputRoot(inputRoot)
        .output(output)
        .parser(parser)
        .maxTranscriptBytes(maxTranscriptBytes)
        .chunkPlan(chunkPlan)
        .extractors(extractors)
        .price(price)
        .runInfo(runInfo)
        .rateLimits(rateLimits)
        .offline(offline)
        .extraction(extraction)
        .incremental(incremental)
        .workers(workers)
        .batch(batch);
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

  /**
   * Every value must be set but {@code offline} and {@code incremental} (false unless set) and
   * {@code batch} (online unless set); setters return this.
   */
  public static final class Builder {
    private @Nullable String input;
    private @Nullable String inputRoot;
    private @Nullable String output;
    private @Nullable TranscriptParser parser;
    private @Nullable Long maxTranscriptBytes;
    private @Nullable ChunkPlan chunkPlan;
    private @Nullable BeliefExtractorFactory extractors;
    private @Nullable ModelPrice price;
    private RunSummary.@Nullable RunInfo runInfo;
    private @Nullable RateLimits rateLimits;
    private boolean offline;
    private @Nullable ExtractionSettings extraction;
    private boolean incremental;
    private @Nullable WorkerPlan workers;
    private @Nullable BatchSettings batch;

    private Builder() {}

    public Builder input(String value) {
      input = value;
      return this;
    }

    public Builder inputRoot(String value) {
      inputRoot = value;
      return this;
    }

    public Builder output(String value) {
      output = value;
      return this;
    }

    public Builder parser(TranscriptParser value) {
      parser = value;
      return this;
    }

    public Builder maxTranscriptBytes(long value) {
      maxTranscriptBytes = value;
      return this;
    }

    public Builder chunkPlan(ChunkPlan value) {
      chunkPlan = value;
      return this;
    }

    public Builder extractors(BeliefExtractorFactory value) {
      extractors = value;
      return this;
    }

    public Builder price(ModelPrice value) {
      price = value;
      return this;
    }

    public Builder runInfo(RunSummary.RunInfo value) {
      runInfo = value;
      return this;
    }

    public Builder rateLimits(RateLimits value) {
      rateLimits = value;
      return this;
    }

    public Builder offline(boolean value) {
      offline = value;
      return this;
    }

    public Builder extraction(ExtractionSettings value) {
      extraction = value;
      return this;
    }

    public Builder incremental(boolean value) {
      incremental = value;
      return this;
    }

    public Builder workers(WorkerPlan value) {
      workers = value;
      return this;
    }

    public Builder batch(@Nullable BatchSettings value) {
      batch = value;
      return this;
    }

    /**
     * @throws NullPointerException naming a value that is not set
     */
    public JobSettings build() {
      return new JobSettings(
          requireNonNull(input, "input is not set"),
          requireNonNull(inputRoot, "inputRoot is not set"),
          requireNonNull(output, "output is not set"),
          requireNonNull(parser, "parser is not set"),
          requireNonNull(maxTranscriptBytes, "maxTranscriptBytes is not set"),
          requireNonNull(chunkPlan, "chunkPlan is not set"),
          requireNonNull(extractors, "extractors is not set"),
          requireNonNull(price, "price is not set"),
          requireNonNull(runInfo, "runInfo is not set"),
          requireNonNull(rateLimits, "rateLimits is not set"),
          offline,
          requireNonNull(extraction, "extraction is not set"),
          incremental,
          requireNonNull(workers, "workers is not set"),
          batch);
    }
  }
}
