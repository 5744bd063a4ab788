package dev.beliefs.pipeline;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.extract.ExtractionPrompt;
import dev.beliefs.extract.RateLimits;
import dev.beliefs.parse.TranscriptFiles;
import dev.beliefs.parse.TranscriptIds;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.parse.UniqueIds;
import dev.beliefs.pipeline.cli.OptionArgs;
import dev.beliefs.pipeline.estimate.AnswerSizes;
import dev.beliefs.pipeline.estimate.CostEstimate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code ./beliefs estimate}: with the options of {@code extract}, reads and chunks every
 * transcript here, without Beam and without a request, and prints requests, tokens and cost per
 * level and the expected wall time.
 */
public final class EstimateCommand {

  private final PrintStream out;
  private final PrintStream err;

  public EstimateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    try {
      PipelineOptionsFactory.register(BeliefOptions.class);
      BeliefOptions options =
          PipelineOptionsFactory.fromArgs(OptionArgs.forExtract("estimate").check(args))
              .withValidation()
              .as(BeliefOptions.class);
      FileSystems.setDefaultPipelineOptions(options);
      String model = JobSettings.model(options);
      CostEstimate estimate =
          new CostEstimate(
              JobSettings.price(options, model),
              AnswerSizes.fromHistory(options.getOutput(), model),
              options.getMaxTokens());
      read(options, estimate);
      RateLimits limits = JobSettings.rateLimits(options, model);
      estimate.report(model, options.getWorkers(), limits).forEach(out::println);
      return ExitCode.OK;
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println("error: " + e.getMessage().lines().findFirst().orElse("bad arguments"));
      return ExitCode.BAD_CONFIGURATION;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CRASH;
    }
  }

  private static void read(BeliefOptions options, CostEstimate estimate)
      throws ConfigurationException, IOException {
    InputPatterns.match(options.getInput());
    String root = JobSettings.inputRoot(options.getInput());
    UniqueIds.Selection match =
        UniqueIds.select(root, TranscriptFiles.matchAll(InputPatterns.of(options.getInput())));
    match.duplicates().forEach(duplicate -> estimate.addUnreadable());
    TranscriptParser parser = JobSettings.parser(options.getFormat());
    ChunkPlan plan = JobSettings.chunkPlan(options);
    for (MatchResult.Metadata file : match.files()) {
      if (file.sizeBytes() > options.getMaxTranscriptBytes()) {
        estimate.addUnreadable();
        continue;
      }
      String source = file.resourceId().toString();
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        estimate.addTranscript(
            plan.cut(
                    parser.parse(TranscriptIds.idFor(root, source), source, in.readAllBytes()),
                    ExtractionPrompt.sizer())
                .kept());
      } catch (TranscriptParseException e) {
        estimate.addUnreadable();
      }
    }
  }
}
