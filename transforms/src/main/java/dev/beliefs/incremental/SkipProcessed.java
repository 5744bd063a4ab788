package dev.beliefs.incremental;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.beam.ReleaseBacklog;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.WriteBeliefs;
import dev.beliefs.model.Transcript;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental runs: drops each transcript whose {@link Manifest} in the output says its current
 * content was already fully extracted under the same {@link ExtractionSettings}, so it costs no
 * chunk and no request. The ids of the transcripts dropped go to {@link Result#skipped()}.
 *
 * <p>A transcript without a manifest, with a manifest of other content or settings, with a manifest
 * that cannot be read (logged), or whose beliefs file has gone although its manifest counts
 * beliefs, goes on to be extracted; its beliefs file is then replaced and {@link WriteManifests}
 * writes its new manifest. When not {@code enabled}, every transcript goes on and no manifest is
 * read. A transcript dropped gives its room back to the {@link ChunkBacklog} of {@link
 * #withBacklog}, since it will never be cut.
 */
public class SkipProcessed extends PTransform<PCollection<Transcript>, SkipProcessed.Result> {

  private final String outputDir;
  private final String settingsFingerprint;
  private final boolean enabled;
  private final ChunkBacklog backlog;

  /**
   * @param outputDir the job's output directory, where {@code manifest/} is
   * @param settingsFingerprint {@link ExtractionSettings#fingerprint()} of this run
   * @param enabled false to let every transcript through (a full run)
   */
  public SkipProcessed(String outputDir, String settingsFingerprint, boolean enabled) {
    this(outputDir, settingsFingerprint, enabled, ChunkBacklog.unbounded());
  }

  private SkipProcessed(
      String outputDir, String settingsFingerprint, boolean enabled, ChunkBacklog backlog) {
    this.outputDir = outputDir;
    this.settingsFingerprint = settingsFingerprint;
    this.enabled = enabled;
    this.backlog = backlog;
  }

  /**
   * Releases each transcript dropped from {@code backlog}, for {@link
   * dev.beliefs.beam.PaceReading}.
   */
  public SkipProcessed withBacklog(ChunkBacklog backlog) {
    return new SkipProcessed(outputDir, settingsFingerprint, enabled, backlog);
  }

  /** The transcripts to extract, and the ids of those skipped. */
  public record Result(PCollection<Transcript> transcripts, PCollection<String> skipped)
      implements RecordOutput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("transcripts", transcripts).and("skipped", skipped);
    }
  }

  @Override
  public Result expand(PCollection<Transcript> transcripts) {
    TupleTag<Transcript> todo = new TupleTag<>() {};
    TupleTag<String> skipped = new TupleTag<>() {};
    PCollectionTuple outputs =
        transcripts.apply(
            "CheckManifests",
            ParDo.of(new CheckManifestFn(outputDir, settingsFingerprint, enabled, todo, skipped))
                .withOutputTags(todo, TupleTagList.of(skipped)));
    PCollection<String> unchanged = outputs.get(skipped).setCoder(StringUtf8Coder.of());
    unchanged.apply("ReleaseUnchanged", new ReleaseBacklog<>(backlog));
    return new Result(outputs.get(todo).setCoder(transcripts.getCoder()), unchanged);
  }

  static class CheckManifestFn extends DoFn<Transcript, Transcript> {
    private static final Logger LOG = LoggerFactory.getLogger(SkipProcessed.class);

    private final Counter transcriptsSkipped =
        Metrics.counter(SkipProcessed.class, "transcripts_skipped");

    private final String outputDir;
    private final String settingsFingerprint;
    private final boolean enabled;
    private final TupleTag<Transcript> todo;
    private final TupleTag<String> skipped;

    CheckManifestFn(
        String outputDir,
        String settingsFingerprint,
        boolean enabled,
        TupleTag<Transcript> todo,
        TupleTag<String> skipped) {
      this.outputDir = outputDir;
      this.settingsFingerprint = settingsFingerprint;
      this.enabled = enabled;
      this.todo = todo;
      this.skipped = skipped;
    }

    @ProcessElement
    public void process(@Element Transcript transcript, MultiOutputReceiver out) {
      if (enabled && done(transcript)) {
        transcriptsSkipped.inc();
        out.get(skipped).output(transcript.id());
      } else {
        out.get(todo).output(transcript);
      }
    }

    private boolean done(Transcript transcript) {
      try {
        Manifest manifest = Manifest.read(outputDir, transcript.id()).orElse(null);
        return Manifest.covers(manifest, transcript, settingsFingerprint)
            && (manifest.beliefs() == 0 || beliefsFileExists(transcript.id()));
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "manifest of {} unreadable, extracting it again: {}", transcript.id(), e.toString());
        return false;
      }
    }

    private boolean beliefsFileExists(String transcriptId) throws IOException {
      ResourceId file = OutputFiles.resolve(outputDir, WriteBeliefs.fileName(transcriptId));
      MatchResult match =
          FileSystems.match(List.of(file.toString()), EmptyMatchTreatment.ALLOW).get(0);
      return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
    }
  }
}
