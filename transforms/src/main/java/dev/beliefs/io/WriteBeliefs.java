package dev.beliefs.io;

import dev.beliefs.json.Json;
import dev.beliefs.model.TranscriptBeliefs;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes each transcript's merged beliefs to {@code DIR/beliefs/<transcript id>.jsonl}, one belief
 * per line, in the order {@link TranscriptBeliefs} holds them. A file per transcript means a
 * transcript's beliefs are replaced whole when it is processed again. Ids containing '/' (from
 * sub-directories of the input) have it replaced by "__".
 */
public class WriteBeliefs extends PTransform<PCollection<TranscriptBeliefs>, PDone> {

  private final String outputDir;

  public WriteBeliefs(String outputDir) {
    this.outputDir = outputDir;
  }

  public static String fileName(String transcriptId) {
    return "beliefs/" + transcriptId.replace("/", "__") + ".jsonl";
  }

  @Override
  public PDone expand(PCollection<TranscriptBeliefs> beliefs) {
    beliefs.apply("WriteTranscriptFiles", ParDo.of(new WriteTranscriptFileFn(outputDir)));
    return PDone.in(beliefs.getPipeline());
  }

  static class WriteTranscriptFileFn extends DoFn<TranscriptBeliefs, Void> {
    private final String outputDir;

    WriteTranscriptFileFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element TranscriptBeliefs transcript) throws IOException {
      List<String> lines = transcript.beliefs().stream().map(Json::line).toList();
      OutputFiles.writeLines(
          OutputFiles.resolve(outputDir, fileName(transcript.transcriptId())), lines);
    }
  }
}
