package dev.beliefs.io;

import dev.beliefs.json.Json;
import dev.beliefs.model.TranscriptBeliefs;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each transcript's merged beliefs to {@code DIR/beliefs/<transcript id>.jsonl}, one belief
 * per line, in the order {@link TranscriptBeliefs} holds them. A file per transcript means a
 * transcript's beliefs are replaced whole when it is processed again. Ids containing '/' (from
 * sub-directories of the input) have it replaced by "__".
 *
 * <p>Outputs the id and belief count of each file once it is written, for steps that must follow
 * the write (the incremental manifest).
 */
public class WriteBeliefs
    extends PTransform<PCollection<TranscriptBeliefs>, PCollection<KV<String, Integer>>> {

  private final String outputDir;

  public WriteBeliefs(String outputDir) {
    this.outputDir = outputDir;
  }

  public static String fileName(String transcriptId) {
    return "beliefs/" + transcriptId.replace("/", "__") + ".jsonl";
  }

  @Override
  public PCollection<KV<String, Integer>> expand(PCollection<TranscriptBeliefs> beliefs) {
    return beliefs
        .apply("WriteTranscriptFiles", ParDo.of(new WriteTranscriptFileFn(outputDir)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
  }

  static class WriteTranscriptFileFn extends DoFn<TranscriptBeliefs, KV<String, Integer>> {
    private final String outputDir;

    WriteTranscriptFileFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(
        @Element TranscriptBeliefs transcript, OutputReceiver<KV<String, Integer>> out)
        throws IOException {
      List<String> lines = transcript.beliefs().stream().map(Json::line).toList();
      OutputFiles.writeLines(
          OutputFiles.resolve(outputDir, fileName(transcript.transcriptId())), lines);
      out.output(KV.of(transcript.transcriptId(), lines.size()));
    }
  }
}
