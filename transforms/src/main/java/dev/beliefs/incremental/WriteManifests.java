package dev.beliefs.incremental;

import dev.beliefs.beam.RecordInput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.WriteBeliefs;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.Transcript;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes the {@link Manifest} of each transcript extracted in this run whose chunks all succeeded,
 * once its beliefs file is written: the join on transcript id waits for the file's {@link
 * Inputs#written()} record. A transcript with a failed chunk gets no new manifest, so the next
 * incremental run does it again (cheaply: its answered chunks are in the response cache). A
 * transcript with no chunk to send (every window too short) has no beliefs; its manifest says 0 and
 * a beliefs file left by an earlier version of it is deleted, so the output stays consistent.
 *
 * <p>Bounded input: the join sees all of a transcript's failures before deciding.
 */
public class WriteManifests extends PTransform<WriteManifests.Inputs, PDone> {

  private final String outputDir;
  private final ExtractionSettings settings;

  public WriteManifests(String outputDir, ExtractionSettings settings) {
    this.outputDir = outputDir;
    this.settings = settings;
  }

  /**
   * @param transcripts the transcripts extracted in this run
   * @param written transcript id and belief count of each beliefs file written
   * @param failures the chunks that failed
   */
  public record Inputs(
      PCollection<Transcript> transcripts,
      PCollection<KV<String, Integer>> written,
      PCollection<ChunkFailure> failures)
      implements RecordInput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("transcripts", transcripts)
          .and("written", written)
          .and("failures", failures);
    }
  }

  @Override
  public PDone expand(Inputs inputs) {
    TupleTag<Transcript> extracted = new TupleTag<>() {};
    TupleTag<Integer> written = new TupleTag<>() {};
    TupleTag<String> failed = new TupleTag<>() {};
    KeyedPCollectionTuple.of(
            extracted,
            inputs
                .transcripts()
                .apply(
                    "KeyTranscripts",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptor.of(Transcript.class)))
                        .via(transcript -> KV.of(transcript.id(), withoutUtterances(transcript)))))
        .and(written, inputs.written())
        .and(
            failed,
            inputs
                .failures()
                .apply(
                    "KeyFailures",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptors.strings()))
                        .via(failure -> KV.of(failure.transcriptId(), failure.failure().source()))))
        .apply("JoinOnTranscript", CoGroupByKey.create())
        .apply(
            "WriteManifestFiles",
            ParDo.of(new WriteManifestFn(outputDir, settings, extracted, written, failed)));
    return PDone.in(inputs.getPipeline());
  }

  /** Only the identity and hash travel through the join. */
  private static Transcript withoutUtterances(Transcript transcript) {
    return new Transcript(
        transcript.id(),
        transcript.sourceUri(),
        transcript.contentSha256(),
        transcript.format(),
        List.of());
  }

  static class WriteManifestFn extends DoFn<KV<String, CoGbkResult>, Void> {
    private final Counter manifestsWritten =
        Metrics.counter(WriteManifests.class, "manifests_written");
    private final Counter manifestsWithheld =
        Metrics.counter(WriteManifests.class, "manifests_withheld");

    private final String outputDir;
    private final ExtractionSettings settings;
    private final TupleTag<Transcript> extracted;
    private final TupleTag<Integer> written;
    private final TupleTag<String> failed;

    WriteManifestFn(
        String outputDir,
        ExtractionSettings settings,
        TupleTag<Transcript> extracted,
        TupleTag<Integer> written,
        TupleTag<String> failed) {
      this.outputDir = outputDir;
      this.settings = settings;
      this.extracted = extracted;
      this.written = written;
      this.failed = failed;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined) throws IOException {
      Iterator<Transcript> transcripts = joined.getValue().getAll(extracted).iterator();
      if (!transcripts.hasNext()) {
        return;
      }
      Transcript transcript = transcripts.next();
      if (joined.getValue().getAll(failed).iterator().hasNext()) {
        manifestsWithheld.inc();
        return;
      }
      Iterator<Integer> beliefs = joined.getValue().getAll(written).iterator();
      if (!beliefs.hasNext()) {
        FileSystems.delete(
            List.of(OutputFiles.resolve(outputDir, WriteBeliefs.fileName(transcript.id()))),
            MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
      new Manifest(
              transcript.id(),
              transcript.sourceUri(),
              transcript.contentSha256(),
              settings.fingerprint(),
              settings,
              beliefs.hasNext() ? beliefs.next() : 0,
              Instant.now().toString())
          .write(outputDir);
      manifestsWritten.inc();
    }
  }
}
