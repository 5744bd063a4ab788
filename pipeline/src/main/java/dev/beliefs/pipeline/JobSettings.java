package dev.beliefs.pipeline;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.batch.BatchSettings;
import dev.beliefs.extract.budget.SpendingLedger;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Sharing;
import dev.beliefs.extract.limits.TierLimits;
import dev.beliefs.extract.offline.OfflineExtractor;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.openai.OpenAiExtractor;
import dev.beliefs.extract.openai.OpenAiSettings;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.incremental.ExtractionSettings;
import dev.beliefs.io.RunSummary;
import dev.beliefs.parse.TranscriptFormats;
import dev.beliefs.parse.TranscriptParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link BeliefOptions} checked and turned into the plain values the transforms take. Every problem
 * is a {@link ConfigurationException} with one line naming the option.
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
    ChunkBacklog backlog,
    @Nullable BatchSettings batch,
    Sharing sharing) {

  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
  static final String DEFAULT_MODEL = "gpt-4o";
  static final String CHEAP_MODEL = "gpt-4o-mini";
  static final int DEFAULT_MIN_CHUNK_WORDS = 8;
  static final int CHEAP_MIN_CHUNK_WORDS = 20;

  /** About 27 hour-long transcripts: enough to choose the longest calls from, little to hold. */
  static final int MIN_BACKLOG = 2_000;

  static final int BACKLOG_PER_WORKER = 50;

  /**
   * @param apiKeys where workers find the key; also asked here to choose the offline extractor
   */
  public static JobSettings from(BeliefOptions options, ApiKeySource apiKeys)
      throws ConfigurationException {
    if (options.getWorkers() < 1) {
      throw new ConfigurationException("--workers must be >= 1, got " + options.getWorkers());
    }
    if (options.getMaxAttempts() < 1) {
      throw new ConfigurationException(
          "--maxAttempts must be >= 1, got " + options.getMaxAttempts());
    }
    if (options.getMaxTokens() < 16) {
      throw new ConfigurationException("--maxTokens must be >= 16, got " + options.getMaxTokens());
    }
    String model = model(options);
    boolean offline = apiKeys.apiKey() == null && options.getBaseUrl() == null;
    if (offline && options.getBatch()) {
      throw new ConfigurationException(
          "--batch needs a model to send batches to: set OPENAI_API_KEY or --baseUrl");
    }
    BeliefExtractorFactory extractors;
    ModelPrice price;
    BatchSettings batch = null;
    if (offline) {
      extractors = OfflineExtractor.factory();
      price = ModelPrice.FREE;
      model = OfflineExtractor.MODEL;
    } else {
      price = price(options, model);
      OpenAiSettings openAi = openAi(options, model, price, apiKeys);
      ResponseCache cache = new ResponseCache(cacheDir(options), options.getJobName());
      extractors =
          OpenAiExtractor.factory(
              openAi, cache, new SpendingLedger(ledgerDir(options), options.getJobName()));
      if (options.getBatch()) {
        batch = BatchSettings.of(openAi, cache, batchesDir(options));
      }
    }
    ChunkPlan chunkPlan = chunkPlan(options);
    RateLimits rateLimits = offline ? RateLimits.NONE : rateLimits(options, model);
    return new JobSettings(
        options.getInput(),
        inputRoot(options.getInput()),
        options.getOutput(),
        parser(options.getFormat()),
        options.getMaxTranscriptBytes(),
        chunkPlan,
        extractors,
        price,
        new RunSummary.RunInfo(
            options.getWorkers(),
            options.getRunner().getSimpleName(),
            model,
            batch != null,
            ExtractionPrompt.VERSION,
            offline ? null : maxCost(options)),
        rateLimits,
        offline,
        new ExtractionSettings(
            model,
            chunkPlan.levels(),
            chunkPlan.minChunkWords(),
            ExtractionPrompt.VERSION,
            options.getSeed(),
            options.getMaxTokens()),
        incremental(options),
        batch == null ? backlog(options) : ChunkBacklog.unbounded(),
        batch,
        Runners.sharing(options, rateLimits));
  }

  /**
   * How many chunks may wait for extraction before reading pauses: bounded on the DirectRunner,
   * which has no backpressure of its own, so that memory does not grow with the input. Batch mode
   * gathers every chunk before it asks, so it cannot be paced this way.
   */
  static ChunkBacklog backlog(BeliefOptions options) {
    boolean direct = options.getRunner().getSimpleName().equals("DirectRunner");
    return direct
        ? ChunkBacklog.of(Math.max(MIN_BACKLOG, BACKLOG_PER_WORKER * options.getWorkers()))
        : ChunkBacklog.unbounded();
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
        ChunkBacklog.unbounded(),
        batch,
        sharing);
  }

  /** On by default for a bucket, where scheduled runs over new arrivals are the point. */
  static boolean incremental(BeliefOptions options) {
    if (options.getIncremental() != null) {
      return options.getIncremental();
    }
    String input = options.getInput();
    return input.startsWith("s3://") || input.startsWith("gs://");
  }

  /** {@code --cacheDir}, by default {@code DIR/cache}. */
  static String cacheDir(BeliefOptions options) {
    if (options.getCacheDir() != null) {
      return options.getCacheDir();
    }
    return FileSystems.matchNewResource(options.getOutput(), true)
        .resolve("cache", StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }

  /** Where each share's spending is recorded, for restarted attempts: {@code DIR/ledger}. */
  private static String ledgerDir(BeliefOptions options) {
    return FileSystems.matchNewResource(options.getOutput(), true)
        .resolve("ledger", StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }

  /** Where the Batch API's batches are recorded, for a rerun to resume: {@code DIR/batches}. */
  private static String batchesDir(BeliefOptions options) {
    return FileSystems.matchNewResource(options.getOutput(), true)
        .resolve("batches", StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }

  static String model(BeliefOptions options) throws ConfigurationException {
    if (options.getCheapMode()
        && options.getModel() != null
        && !options.getModel().equals(CHEAP_MODEL)) {
      throw new ConfigurationException(
          "--cheapMode selects "
              + CHEAP_MODEL
              + "; drop --model="
              + options.getModel()
              + " or --cheapMode");
    }
    if (options.getCheapMode()) {
      return CHEAP_MODEL;
    }
    return options.getModel() == null ? DEFAULT_MODEL : options.getModel();
  }

  static ChunkPlan chunkPlan(BeliefOptions options) throws ConfigurationException {
    List<Integer> levels = new ArrayList<>();
    for (String part : options.getLevels().split(",")) {
      try {
        levels.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new ConfigurationException(
            "--levels must be window sizes such as 1,5,15; '" + part.strip() + "' is not a number");
      }
    }
    Integer minWords = options.getMinChunkWords();
    int minChunkWords =
        minWords != null
            ? minWords
            : options.getCheapMode() ? CHEAP_MIN_CHUNK_WORDS : DEFAULT_MIN_CHUNK_WORDS;
    try {
      return new ChunkPlan(levels, minChunkWords);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--levels / --minChunkWords: " + e.getMessage());
    }
  }

  /** The model's price; with {@code --batch}, its Batch API price, which it must have. */
  static ModelPrice price(BeliefOptions options, String model) throws ConfigurationException {
    PricingTable table = pricingTable(options.getPricingFile());
    if (options.getBatch()) {
      return table
          .batchPriceOf(model)
          .orElseThrow(
              () ->
                  new ConfigurationException(
                      "--batch: no Batch API price for model '"
                          + model
                          + "' (batch-priced: "
                          + table.batchModels()
                          + "); add batch_input and batch_output to a --pricingFile"));
    }
    return table
        .priceOf(model)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "no price for model '"
                        + model
                        + "' (priced: "
                        + table.models()
                        + "); add it to a --pricingFile"));
  }

  private static PricingTable pricingTable(@Nullable String pricingFile)
      throws ConfigurationException {
    if (pricingFile == null) {
      return PricingTable.bundled();
    }
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(pricingFile).resourceId()))) {
      return PricingTable.read(in, "--pricingFile=" + pricingFile);
    } catch (IOException e) {
      throw new ConfigurationException("--pricingFile=" + pricingFile + ": " + e.getMessage());
    }
  }

  private static OpenAiSettings openAi(
      BeliefOptions options, String model, ModelPrice price, ApiKeySource apiKeys)
      throws ConfigurationException {
    String baseUrl = options.getBaseUrl() == null ? OPENAI_BASE_URL : options.getBaseUrl();
    return new OpenAiSettings(
        baseUrl,
        chat(options, model),
        apiKeys,
        Duration.ofSeconds(options.getConnectTimeoutSeconds()),
        Duration.ofSeconds(options.getRequestTimeoutSeconds()),
        RetryPolicy.withMaxAttempts(options.getMaxAttempts()),
        rateLimits(options, model),
        maxCost(options),
        price,
        UUID.randomUUID().toString());
  }

  /** What every request asks: the same for {@code extract} and for {@code estimate}'s lookups. */
  static ChatSettings chat(BeliefOptions options, String model) {
    return new ChatSettings(model, 0.0, options.getSeed(), options.getMaxTokens());
  }

  static RateLimits rateLimits(BeliefOptions options, String model) throws ConfigurationException {
    RateLimits limits = RateLimits.NONE;
    if (options.getTier() != null) {
      limits =
          TierLimits.of(model, options.getTier())
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "--tier="
                              + options.getTier()
                              + ": no published limits for "
                              + model
                              + " at that tier (tiers 1-5 of "
                              + TierLimits.models()
                              + "); use --rpmLimit and --tpmLimit"));
    }
    long rpm = options.getRpmLimit() != null ? options.getRpmLimit() : limits.requestsPerMinute();
    long tpm = options.getTpmLimit() != null ? options.getTpmLimit() : limits.tokensPerMinute();
    if (rpm < 0 || tpm < 0) {
      throw new ConfigurationException("--rpmLimit and --tpmLimit must be >= 0");
    }
    return new RateLimits(rpm, tpm);
  }

  private static @Nullable BigDecimal maxCost(BeliefOptions options) throws ConfigurationException {
    Double cap = options.getMaxCostUsd();
    if (cap == null) {
      return null;
    }
    if (cap <= 0 || cap.isNaN() || cap.isInfinite()) {
      throw new ConfigurationException("--maxCostUsd must be a positive amount in USD, got " + cap);
    }
    return BigDecimal.valueOf(cap);
  }

  static TranscriptParser parser(@Nullable String format) throws ConfigurationException {
    if (format != null && TranscriptFormats.named(format).isEmpty()) {
      throw new ConfigurationException(
          "--format=" + format + " is not a known format; known: " + TranscriptFormats.names());
    }
    return new TranscriptParser(format);
  }

  static String inputRoot(String input) {
    return InputPatterns.root(input);
  }
}
