package dev.beliefs.parse;

import dev.beliefs.beam.RecordOutput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Failure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The transcript files of an input pattern, ready to read: matched when the job runs (as {@link
 * FileIO#match} does) by {@link TranscriptFiles}, so that a symbolic-link loop is walked once, and
 * reduced to one file per transcript id by {@link UniqueIds}. A pattern that matches nothing fails
 * the job; files that lost their id go to {@link Result#failures()} as {@code duplicate_id} records
 * with {@code stage=parse}.
 */
public class MatchTranscripts extends PTransform<PBegin, MatchTranscripts.Result> {

  private final List<String> patterns;
  private final String inputRoot;

  /**
   * @param patterns the {@code --input} patterns; a file several of them match is read once
   * @param inputRoot the directory ids are relative to, as {@link TranscriptIds#rootOf} gives it
   */
  public MatchTranscripts(List<String> patterns, String inputRoot) {
    this.patterns = List.copyOf(patterns);
    this.inputRoot = inputRoot;
  }

  /** The files to read and the files left out because another one has their id. */
  public record Result(PCollection<FileIO.ReadableFile> files, PCollection<Failure> failures)
      implements RecordOutput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("files", files).and("failures", failures);
    }
  }

  @Override
  public Result expand(PBegin begin) {
    TupleTag<MatchResult.Metadata> kept = new TupleTag<>() {};
    TupleTag<Failure> duplicates = new TupleTag<>() {};
    PCollectionTuple matched =
        begin
            .apply(
                "Patterns",
                Create.<List<String>>of(patterns).withCoder(ListCoder.of(StringUtf8Coder.of())))
            .apply(
                "MatchFiles",
                ParDo.of(new MatchFn(inputRoot, kept, duplicates))
                    .withOutputTags(kept, TupleTagList.of(duplicates)));
    PCollection<FileIO.ReadableFile> files =
        matched.get(kept).setCoder(MetadataCoderV2.of()).apply("ReadMatches", FileIO.readMatches());
    return new Result(files, matched.get(duplicates).setCoder(JsonCoder.of(Failure.class)));
  }

  static class MatchFn extends DoFn<List<String>, MatchResult.Metadata> {
    private final String inputRoot;
    private final TupleTag<MatchResult.Metadata> kept;
    private final TupleTag<Failure> duplicates;

    MatchFn(String inputRoot, TupleTag<MatchResult.Metadata> kept, TupleTag<Failure> duplicates) {
      this.inputRoot = inputRoot;
      this.kept = kept;
      this.duplicates = duplicates;
    }

    @ProcessElement
    public void process(@Element List<String> patterns, MultiOutputReceiver out)
        throws IOException {
      UniqueIds.Selection selection =
          UniqueIds.select(inputRoot, TranscriptFiles.matchAll(patterns));
      if (selection.files().isEmpty()) {
        throw new FileNotFoundException(
            "--input=" + String.join(",", patterns) + " matches no files");
      }
      selection.files().forEach(out.get(kept)::output);
      selection.duplicates().forEach(out.get(duplicates)::output);
    }
  }
}
