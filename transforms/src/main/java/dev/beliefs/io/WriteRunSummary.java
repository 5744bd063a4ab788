package dev.beliefs.io;

import dev.beliefs.cost.CostSummary;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Writes {@code DIR/run-summary.json} from the run's cost summary (one element) and its counts
 * (singleton side inputs). The driver adds {@code wall_seconds} once the job has finished.
 */
public final class WriteRunSummary {

  public static final String FILE = "run-summary.json";

  private WriteRunSummary() {}

  /** The counts that come from other parts of the pipeline, as singleton views. */
  public record Counts(
      PCollectionView<Long> transcripts,
      PCollectionView<Long> transcriptsFailed,
      PCollectionView<Long> transcriptsSkipped,
      PCollectionView<Long> chunksSkipped,
      PCollectionView<Long> mergedBeliefs,
      PCollectionView<Long> chunksOverBudget)
      implements Serializable {}

  public static void apply(
      PCollection<CostSummary> costs, Counts counts, RunSummary.RunInfo info, String outputDir) {
    costs.apply(
        "WriteSummaryFile",
        ParDo.of(new WriteSummaryFn(counts, info, outputDir))
            .withSideInputs(
                counts.transcripts(),
                counts.transcriptsFailed(),
                counts.transcriptsSkipped(),
                counts.chunksSkipped(),
                counts.mergedBeliefs(),
                counts.chunksOverBudget()));
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
              context.sideInput(counts.chunksOverBudget()),
              costs);
      OutputFiles.write(OutputFiles.resolve(outputDir, FILE), Json.pretty(summary) + "\n");
    }
  }
}
