package dev.beliefs.summary;

import dev.beliefs.beam.RecordInput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.cost.CostSummary;
import dev.beliefs.cost.SumCosts;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.RunSummary;
import dev.beliefs.json.Json;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.TranscriptBeliefs;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes {@code DIR/run-summary.json} ({@link RunSummary#FILE}) once every input is complete: the
 * calls of every chunk, succeeded or failed, summed by {@link SumCosts}, and the counts of the
 * other steps' outputs, taken as singleton side inputs. Expects bounded inputs in the global
 * window. {@code chunks_over_budget} is read from the failure reasons the costs count, so it is
 * {@code failure_reasons.budget_exhausted} by construction. The driver adds {@code wall_seconds}
 * once the job has finished.
 */
public class SummarizeRun extends PTransform<SummarizeRun.Inputs, PDone> {

  private final RunSummary.RunInfo info;
  private final String outputDir;

  public SummarizeRun(RunSummary.RunInfo info, String outputDir) {
    this.info = info;
    this.outputDir = outputDir;
  }

  /**
   * @param transcripts the transcripts read
   * @param unreadable one failure per file that could not be read
   * @param unchanged the ids of the transcripts an incremental run left alone
   * @param windowsSkipped the ids of the windows too short to send
   * @param results the chunks extracted
   * @param failures the chunks that could not be
   * @param merged each transcript's merged beliefs
   */
  public record Inputs(
      PCollection<Transcript> transcripts,
      PCollection<Failure> unreadable,
      PCollection<String> unchanged,
      PCollection<String> windowsSkipped,
      PCollection<ChunkResult> results,
      PCollection<ChunkFailure> failures,
      PCollection<TranscriptBeliefs> merged)
      implements RecordInput {

    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("transcripts", transcripts)
          .and("unreadable", unreadable)
          .and("unchanged", unchanged)
          .and("windowsSkipped", windowsSkipped)
          .and("results", results)
          .and("failures", failures)
          .and("merged", merged);
    }
  }

  @Override
  public PDone expand(Inputs inputs) {
    PCollection<CostSummary> costs =
        PCollectionList.of(
                inputs
                    .results()
                    .apply(
                        "ResultStats",
                        MapElements.into(TypeDescriptor.of(CallStats.class))
                            .via(ChunkResult::stats)))
            .and(
                inputs
                    .failures()
                    .apply(
                        "FailureStats",
                        MapElements.into(TypeDescriptor.of(CallStats.class))
                            .via(ChunkFailure::stats)))
            .apply("AllStats", Flatten.pCollections())
            .apply("SumCosts", Combine.globally(new SumCosts()));
    Counts counts =
        new Counts(
            count(inputs.transcripts(), "CountTranscripts", "TranscriptsView"),
            count(inputs.unreadable(), "CountParseFailures", "ParseFailuresView"),
            count(inputs.unchanged(), "CountUnchanged", "UnchangedView"),
            count(inputs.windowsSkipped(), "CountSkipped", "SkippedView"),
            inputs
                .merged()
                .apply(
                    "BeliefsPerTranscript",
                    MapElements.into(TypeDescriptors.longs()).via(t -> (long) t.beliefs().size()))
                .apply("CountBeliefs", Combine.globally(Sum.ofLongs()))
                .apply("BeliefsView", View.asSingleton()));
    costs.apply(
        "WriteSummaryFile",
        ParDo.of(new WriteSummaryFn(counts, info, outputDir)).withSideInputs(counts.views()));
    return PDone.in(inputs.getPipeline());
  }

  private static <T> PCollectionView<Long> count(
      PCollection<T> elements, String countName, String viewName) {
    return elements.apply(countName, Count.globally()).apply(viewName, View.asSingleton());
  }

  /** The counts that come from other steps' outputs, as singleton views. */
  record Counts(
      PCollectionView<Long> transcripts,
      PCollectionView<Long> transcriptsFailed,
      PCollectionView<Long> transcriptsSkipped,
      PCollectionView<Long> chunksSkipped,
      PCollectionView<Long> mergedBeliefs)
      implements Serializable {

    List<PCollectionView<?>> views() {
      return List.of(
          transcripts, transcriptsFailed, transcriptsSkipped, chunksSkipped, mergedBeliefs);
    }
  }

  static class WriteSummaryFn extends DoFn<CostSummary, Void> {
    private final Counts counts;
    private final RunSummary.RunInfo info;
    private final String outputDir;

    WriteSummaryFn(Counts counts, RunSummary.RunInfo info, String outputDir) {
      this.counts = counts;
      this.info = info;
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element CostSummary costs, ProcessContext context) throws IOException {
      RunSummary summary =
          RunSummary.of(
              info,
              context.sideInput(counts.transcripts()),
              context.sideInput(counts.transcriptsFailed()),
              context.sideInput(counts.transcriptsSkipped()),
              context.sideInput(counts.chunksSkipped()),
              context.sideInput(counts.mergedBeliefs()),
              costs.failureReasons().getOrDefault(ExtractBeliefs.OVER_BUDGET, 0L),
              costs);
      OutputFiles.write(
          OutputFiles.resolve(outputDir, RunSummary.FILE), Json.pretty(summary) + "\n");
    }
  }
}
