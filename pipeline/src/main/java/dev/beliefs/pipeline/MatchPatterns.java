package dev.beliefs.pipeline;

import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The files of several {@link InputPatterns}, each once however many patterns match it. A pattern
 * that matches nothing fails the job (the command checks that before it starts).
 */
final class MatchPatterns extends PTransform<PBegin, PCollection<MatchResult.Metadata>> {

  private final List<String> patterns;

  MatchPatterns(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  @Override
  public PCollection<MatchResult.Metadata> expand(PBegin begin) {
    PCollection<MatchResult.Metadata> files =
        begin
            .apply("Patterns", Create.of(patterns))
            .apply(
                "MatchAll",
                FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW));
    if (patterns.size() == 1) {
      return files;
    }
    return files.apply(
        "EachFileOnce",
        Distinct.withRepresentativeValueFn(
                (MatchResult.Metadata file) -> file.resourceId().toString())
            .withRepresentativeType(TypeDescriptors.strings()));
  }
}
