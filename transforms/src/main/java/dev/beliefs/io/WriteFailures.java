package dev.beliefs.io;

import dev.beliefs.beam.CollectList;
import dev.beliefs.json.Json;
import dev.beliefs.model.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes every failure to {@code DIR/failures/failures.jsonl}, sorted by stage, source and reason
 * so that equal runs give equal files. The file is written, empty, when nothing failed, so that its
 * absence never has to be interpreted.
 */
public class WriteFailures extends PTransform<PCollection<Failure>, PDone> {

  public static final String FILE = "failures/failures.jsonl";

  private final String outputDir;

  public WriteFailures(String outputDir) {
    this.outputDir = outputDir;
  }

  @Override
  public PDone expand(PCollection<Failure> failures) {
    failures
        .apply("CollectFailures", Combine.globally(new CollectList<Failure>()))
        .apply("WriteFailureFile", ParDo.of(new WriteFailureFileFn(outputDir)));
    return PDone.in(failures.getPipeline());
  }

  static class WriteFailureFileFn extends DoFn<List<Failure>, Void> {
    private final String outputDir;

    WriteFailureFileFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element List<Failure> failures) throws IOException {
      List<Failure> sorted = new ArrayList<>(failures);
      sorted.sort(
          Comparator.comparing(Failure::stage)
              .thenComparing(Failure::source)
              .thenComparing(Failure::reason)
              .thenComparing(Failure::detail));
      OutputFiles.writeLines(
          OutputFiles.resolve(outputDir, FILE), sorted.stream().map(Json::line).toList());
    }
  }
}
