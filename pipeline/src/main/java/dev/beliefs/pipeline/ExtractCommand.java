package dev.beliefs.pipeline;

import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.RunLog;
import dev.beliefs.io.RunSummary;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.cli.OptionArgs;
import dev.beliefs.pipeline.progress.Progress;
import dev.beliefs.pipeline.progress.ProgressViews;
import dev.beliefs.pipeline.report.RunReport;
import dev.beliefs.progress.ChunkTally;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code ./beliefs extract}: check the configuration, run the job, finish the run summary. */
public final class ExtractCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final ApiKeySource apiKeys;
  private Progress progress;
  private final AtomicBoolean recorded = new AtomicBoolean();

  public ExtractCommand(PrintStream out, PrintStream err, ApiKeySource apiKeys) {
    this.out = out;
    this.err = err;
    this.apiKeys = apiKeys;
  }

  public int run(String[] args) {
    BeliefOptions options;
    JobSettings settings;
    try {
      PipelineOptionsFactory.register(BeliefOptions.class);
      PipelineOptionsFactory.register(S3Options.class);
      options =
          PipelineOptionsFactory.fromArgs(OptionArgs.forExtract("extract").check(args))
              .withValidation()
              .as(BeliefOptions.class);
      if (options.getJobName().startsWith("extractcommand-")) {
        options.setJobName(
            "belief-extraction-" + options.getJobName().substring("extractcommand-".length()));
      }
      FileSystems.setDefaultPipelineOptions(options);
      settings = JobSettings.from(options, apiKeys);
      Runners.configure(options, settings.workers());
      InputPatterns.match(settings.input());
      PreFlight.check(options, settings, apiKeys, err);
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println("error: " + firstLine(e.getMessage()));
      return ExitCode.BAD_CONFIGURATION;
    }
    if (settings.offline()) {
      err.println(
          "No OPENAI_API_KEY and no --baseUrl: using the offline rule-based extractor (no requests,"
              + " no cost).");
    }
    if (settings.batch() != null) {
      err.println(
          "Batch API: answers within 24 h at the batch price; batches are recorded in "
              + settings.batch().recordsDirectory()
              + " and a rerun resumes them.");
    }
    return execute(options, settings);
  }

  /** Runs the job and records the run in {@code runs.jsonl}, whatever its outcome. */
  private int execute(BeliefOptions options, JobSettings settings) {
    Instant started = Instant.now();
    ChunkTally tally = BeliefPipeline.progressTally(options.getJobName());
    OutOfMemory.whenEnding(
        () -> record(options, settings, started, new Outcome(ExitCode.CRASH, null)));
    Outcome outcome;
    try (Interruption interruption =
        Interruption.install(
            (signal, exit) -> {
              stopProgress();
              err.println(RunLines.interrupted(signal, tally.snapshot(), settings.offline()));
              record(options, settings, started, new Outcome(exit, null));
              System.exit(exit);
            })) {
      outcome = runJob(options, settings, tally);
    } finally {
      tally.forget();
    }
    record(options, settings, started, outcome);
    return outcome.exitCode();
  }

  /**
   * Appends the run to {@code runs.jsonl}, once (an interruption or running out of memory may end
   * the JVM before the job returns); a failure to do so is a warning, not the run's fate.
   */
  private void record(
      BeliefOptions options, JobSettings settings, Instant started, Outcome outcome) {
    if (!recorded.compareAndSet(false, true)) {
      return;
    }
    try {
      RunLog.append(
          settings.output(),
          RunLog.Entry.of(
              options.getJobName(),
              started,
              Instant.now(),
              outcome.exitCode(),
              ProjectVersion.get(),
              settings.input(),
              settings.runInfo(),
              settings.chunkPlan().levels(),
              outcome.summary()));
    } catch (IOException | RuntimeException e) {
      err.println(
          "warning: could not append to "
              + settings.output()
              + "/"
              + RunLog.FILE
              + ": "
              + firstLine(String.valueOf(e.getMessage())));
    }
  }

  private record Outcome(int exitCode, @Nullable RunSummary summary) {}

  private Outcome runJob(BeliefOptions options, JobSettings settings, ChunkTally tally) {
    long start = System.nanoTime();
    try {
      Pipeline pipeline = BeliefPipeline.buildPipeline(Pipeline.create(options), settings);
      PipelineResult.State state;
      progress = ProgressViews.start(options, tally, err);
      try {
        state = pipeline.run().waitUntilFinish();
      } finally {
        stopProgress();
      }
      if (state != PipelineResult.State.DONE) {
        err.println("error: the job ended in state " + state);
        return new Outcome(ExitCode.CRASH, null);
      }
      double wallSeconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
      RunSummary summary = finishSummary(settings.output(), wallSeconds);
      RunReport.write(settings.output(), settings.rateLimits());
      out.println(RunLines.summary(summary, wallSeconds, settings.output() + "/" + RunReport.HTML));
      if (RunLines.reused(summary) != null) {
        out.println(RunLines.reused(summary));
      }
      Optional<String> refused = RefusedRun.problem(summary);
      if (refused.isPresent()) {
        err.println("error: " + refused.get());
        return new Outcome(ExitCode.BAD_CONFIGURATION, summary);
      }
      if (summary.anyFailed()) {
        err.println("Some transcripts or chunks failed: see " + settings.output() + "/failures/");
        return new Outcome(ExitCode.SOME_FAILED, summary);
      }
      return new Outcome(ExitCode.OK, summary);
    } catch (RuntimeException | IOException | OutOfMemoryError e) {
      OutOfMemoryError oom = OutOfMemory.in(e);
      if (oom != null) {
        if (OutOfMemory.ending()) {
          err.println(OutOfMemory.line(oom));
        }
        return new Outcome(ExitCode.CRASH, null);
      }
      err.println("error: the job crashed: " + firstLine(String.valueOf(e.getMessage())));
      e.printStackTrace(err);
      return new Outcome(ExitCode.CRASH, null);
    }
  }

  private static RunSummary finishSummary(String output, double wallSeconds) throws IOException {
    ResourceId file = OutputFiles.resolve(output, RunSummary.FILE);
    RunSummary summary;
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      summary = Json.MAPPER.readValue(in, RunSummary.class).withWallSeconds(wallSeconds);
    }
    OutputFiles.write(file, Json.pretty(summary) + "\n");
    return summary;
  }

  private synchronized void stopProgress() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
