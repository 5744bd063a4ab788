package dev.beliefs.pipeline;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.parse.TranscriptFiles;
import dev.beliefs.parse.TranscriptIds;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.parse.UniqueIds;
import dev.beliefs.pipeline.cli.OptionArgs;
import dev.beliefs.pipeline.estimate.AnswerSizes;
import dev.beliefs.pipeline.estimate.CostEstimate;
import dev.beliefs.pipeline.estimate.EstimateReport;
import dev.beliefs.pipeline.estimate.PromptCaching;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code ./beliefs estimate}: with the options of {@code extract}, reads and chunks every
 * transcript here, without Beam and without a request, looks each chunk's request up in the
 * response cache, and prints requests, tokens and cost per level, what it assumed, and the expected
 * wall time.
 */
public final class EstimateCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final ApiKeySource apiKeys;

  public EstimateCommand(PrintStream out, PrintStream err) {
    this(out, err, ApiKeySource.environment());
  }

  /**
   * @param apiKeys asked only whether there is a key: without one and without {@code --baseUrl},
   *     extract would run offline
   */
  public EstimateCommand(PrintStream out, PrintStream err, ApiKeySource apiKeys) {
    this.out = out;
    this.err = err;
    this.apiKeys = apiKeys;
  }

  public int run(String[] args) {
    try {
      BeliefOptions options = options(args);
      int workers = Runners.requestsInFlight(options);
      CostEstimate estimate = estimate(options);
      String model = ModelChoice.model(options);
      boolean offline = ExtractorChoice.offline(options, apiKeys);
      new EstimateReport(model, offline, options.getBatch(), OutputDirs.cacheDir(options))
          .lines(estimate, workers, CallLimits.rateLimits(options, model))
          .forEach(out::println);
      return ExitCode.OK;
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println("error: " + e.getMessage().lines().findFirst().orElse("bad arguments"));
      return ExitCode.BAD_CONFIGURATION;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CRASH;
    }
  }

  /** The estimate for {@code extract}'s arguments, without printing it: for the benchmark. */
  public static CostEstimate estimate(String[] args) throws ConfigurationException, IOException {
    return estimate(options(args));
  }

  private static BeliefOptions options(String[] args) {
    PipelineOptionsFactory.register(BeliefOptions.class);
    BeliefOptions options =
        PipelineOptionsFactory.fromArgs(OptionArgs.forExtract("estimate").check(args))
            .withValidation()
            .as(BeliefOptions.class);
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  private static CostEstimate estimate(BeliefOptions options)
      throws ConfigurationException, IOException {
    String model = ModelChoice.model(options);
    CostEstimate estimate =
        new CostEstimate(
            ModelChoice.price(options, model),
            AnswerSizes.fromHistory(options.getOutput(), model),
            options.getBatch() ? PromptCaching.none() : new PromptCaching(sharedPrefixTokens()),
            options.getMaxTokens());
    read(options, new Requests(ModelChoice.chat(options, model), options), estimate);
    return estimate;
  }

  /**
   * The prompt tokens every request begins with: the prompt of an empty excerpt, less what ends it
   * (the reply's priming, 3 tokens, and the end of the user message, 1), which other requests have
   * elsewhere.
   */
  private static int sharedPrefixTokens() {
    return ExtractionPrompt.sizer().promptTokens("") - 4;
  }

  /** Each chunk's request: already answered in the response cache, asked before, or to ask. */
  private static final class Requests {
    private final ChatSettings chat;
    private final ResponseCache cache;
    private final Set<String> seen = new HashSet<>();

    Requests(ChatSettings chat, BeliefOptions options) {
      this.chat = chat;
      this.cache = new ResponseCache(OutputDirs.cacheDir(options));
    }

    void add(Chunk chunk, CostEstimate estimate) {
      String key = ResponseCache.key(chat.requestBody(chunk.text(), chat.maxTokens()));
      if (!seen.add(key)) {
        estimate.addDuplicate();
      } else if (cache.lookup(key) instanceof ResponseCache.Hit) {
        estimate.addCacheHit();
      } else {
        estimate.addRequest(chunk);
      }
    }
  }

  private static void read(BeliefOptions options, Requests requests, CostEstimate estimate)
      throws ConfigurationException, IOException {
    InputPatterns.match(options.getInput());
    String root = TranscriptReading.inputRoot(options.getInput());
    UniqueIds.Selection match =
        UniqueIds.select(root, TranscriptFiles.matchAll(InputPatterns.of(options.getInput())));
    match.duplicates().forEach(duplicate -> estimate.addUnreadable());
    TranscriptParser parser = TranscriptReading.parser(options.getFormat());
    ChunkPlan plan = TranscriptReading.chunkPlan(options);
    for (MatchResult.Metadata file : match.files()) {
      if (file.sizeBytes() > options.getMaxTranscriptBytes()) {
        estimate.addUnreadable();
        continue;
      }
      String source = file.resourceId().toString();
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        List<Chunk> chunks =
            plan.cut(
                    parser.parse(TranscriptIds.idFor(root, source), source, in.readAllBytes()),
                    ExtractionPrompt.sizer())
                .kept();
        estimate.addTranscript();
        for (Chunk chunk : chunks) {
          requests.add(chunk, estimate);
        }
      } catch (TranscriptParseException e) {
        estimate.addUnreadable();
      }
    }
  }
}
