package dev.beliefs.parse;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.PaceReading;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.beam.ReleaseBacklog;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Transcript;
import dev.beliefs.parse.encoding.TranscriptContent;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads matched transcript files into {@link Transcript}s. A file that cannot be read (too large,
 * empty, binary, not UTF-8, no speaker labels, an unknown format, JSON that is broken or of the
 * wrong shape, broken caption timings...) becomes a {@link Failure} with {@code stage=parse} on
 * {@link Result#failures()}; the other files go on. A file is held in memory as its bytes only
 * until it is decoded, so parsing needs about twice its size (its text and its utterances).
 *
 * <p>With a bounded {@link ChunkBacklog} ({@link #withBacklog}), files are let in as the backlog
 * has room ({@link PaceReading}), and a file that fails gives its room back. Without one, the files
 * are spread over the workers before they are read. Not both: paced reading gathers the files into
 * one list anyway, and on the DirectRunner every key a reshuffle makes stays in its watermark
 * bookkeeping until the job ends.
 */
public class ParseTranscripts
    extends PTransform<PCollection<FileIO.ReadableFile>, ParseTranscripts.Result> {

  private final String inputRoot;
  private final TranscriptParser parser;
  private final long maxTranscriptBytes;
  private final ChunkBacklog backlog;

  /**
   * @param inputRoot the directory ids are relative to, as {@link TranscriptIds#rootOf} gives it
   * @param parser decodes and parses one file
   * @param maxTranscriptBytes larger files are failed before they are read
   */
  public ParseTranscripts(String inputRoot, TranscriptParser parser, long maxTranscriptBytes) {
    this(inputRoot, parser, maxTranscriptBytes, ChunkBacklog.unbounded());
  }

  private ParseTranscripts(
      String inputRoot, TranscriptParser parser, long maxTranscriptBytes, ChunkBacklog backlog) {
    this.inputRoot = inputRoot;
    this.parser = parser;
    this.maxTranscriptBytes = maxTranscriptBytes;
    this.backlog = backlog;
  }

  /** Reads only as fast as {@code backlog} has room, for {@link PaceReading}. */
  public ParseTranscripts withBacklog(ChunkBacklog backlog) {
    return new ParseTranscripts(inputRoot, parser, maxTranscriptBytes, backlog);
  }

  /** The transcripts read and the files that could not be. */
  public record Result(PCollection<Transcript> transcripts, PCollection<Failure> failures)
      implements RecordOutput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("transcripts", transcripts).and("failures", failures);
    }
  }

  @Override
  public Result expand(PCollection<FileIO.ReadableFile> files) {
    TupleTag<Transcript> parsed = new TupleTag<>() {};
    TupleTag<Failure> failed = new TupleTag<>() {};
    PCollection<FileIO.ReadableFile> admitted =
        backlog.isBounded()
            ? files.apply("PaceReading", new PaceReading<>(backlog))
            : files.apply("SpreadFiles", Reshuffle.viaRandomKey());
    PCollectionTuple outputs =
        admitted.apply(
            "ParseEachFile",
            ParDo.of(new ParseFileFn(inputRoot, parser, maxTranscriptBytes, parsed, failed))
                .withOutputTags(parsed, TupleTagList.of(failed)));
    // A file let through that will never be cut gives its room back.
    outputs.get(failed).apply("ReleaseUnreadable", new ReleaseBacklog<>(backlog));
    return new Result(outputs.get(parsed), outputs.get(failed));
  }

  static class ParseFileFn extends DoFn<FileIO.ReadableFile, Transcript> {
    private final Counter transcriptsParsed =
        Metrics.counter(ParseTranscripts.class, "transcripts_parsed");
    private final Counter transcriptsFailed =
        Metrics.counter(ParseTranscripts.class, "transcripts_failed");

    private final String inputRoot;
    private final TranscriptParser parser;
    private final long maxTranscriptBytes;
    private final TupleTag<Transcript> parsed;
    private final TupleTag<Failure> failed;

    ParseFileFn(
        String inputRoot,
        TranscriptParser parser,
        long maxTranscriptBytes,
        TupleTag<Transcript> parsed,
        TupleTag<Failure> failed) {
      this.inputRoot = inputRoot;
      this.parser = parser;
      this.maxTranscriptBytes = maxTranscriptBytes;
      this.parsed = parsed;
      this.failed = failed;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out) {
      String source = file.getMetadata().resourceId().toString();
      long size = file.getMetadata().sizeBytes();
      try {
        if (size > maxTranscriptBytes) {
          throw new TranscriptParseException(
              "too_large",
              "the file has "
                  + size
                  + " bytes, more than --maxTranscriptBytes="
                  + maxTranscriptBytes
                  + "; split it or raise the limit");
        }
        String id = TranscriptIds.idFor(inputRoot, source);
        out.get(parsed).output(parser.parse(id, source, read(file, size)));
        transcriptsParsed.inc();
      } catch (TranscriptParseException e) {
        fail(out, new Failure(source, Failure.STAGE_PARSE, e.reason(), e.getMessage(), 1));
      } catch (IOException e) {
        fail(
            out,
            new Failure(
                source,
                Failure.STAGE_PARSE,
                "unreadable",
                "could not read the file: " + e.getMessage(),
                1));
      } catch (RuntimeException | StackOverflowError e) {
        fail(
            out,
            new Failure(
                source,
                Failure.STAGE_PARSE,
                "parser_error",
                "the parser failed on this file: " + e,
                1));
      }
    }

    /**
     * The file's content, its bytes read into one array of the file's size and dropped once
     * decoded. A compressed file may hold more than its size says; the limit holds for what it
     * decompresses to.
     */
    private TranscriptContent read(FileIO.ReadableFile file, long size)
        throws IOException, TranscriptParseException {
      try (ReadableByteChannel channel = file.open()) {
        return TranscriptContent.read(channel, size, maxTranscriptBytes);
      }
    }

    private void fail(MultiOutputReceiver out, Failure failure) {
      out.get(failed).output(failure);
      transcriptsFailed.inc();
    }
  }
}
