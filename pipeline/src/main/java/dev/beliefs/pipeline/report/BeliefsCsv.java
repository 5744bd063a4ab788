package dev.beliefs.pipeline.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DIR/beliefs.csv}: every belief of {@code DIR/beliefs/} as one row with its first evidence
 * (quote, utterance, times), for spreadsheets, pandas and DuckDB. RFC 4180: a header row, CRLF line
 * ends, fields quoted where they hold a comma, quote or line break, quotes doubled; UTF-8. Levels
 * are joined with {@code ;}.
 */
final class BeliefsCsv {

  static final String FILE = "beliefs.csv";

  private static final CsvMapper MAPPER =
      CsvMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final CsvSchema SCHEMA =
      MAPPER.schemaFor(Row.class).withHeader().withLineSeparator("\r\n");

  private BeliefsCsv() {}

  /** One row of the file. */
  @JsonPropertyOrder({
    "transcript_id",
    "belief_id",
    "speaker",
    "statement",
    "stance",
    "confidence",
    "topic",
    "levels",
    "quote",
    "utterance_index",
    "start_seconds",
    "end_seconds",
    "evidence_count"
  })
  record Row(
      String transcriptId,
      String beliefId,
      String speaker,
      String statement,
      String stance,
      double confidence,
      String topic,
      String levels,
      String quote,
      @Nullable Integer utteranceIndex,
      @Nullable Double startSeconds,
      @Nullable Double endSeconds,
      int evidenceCount) {

    static Row of(MergedBelief belief) {
      Evidence first = belief.evidence().isEmpty() ? null : belief.evidence().get(0);
      return new Row(
          belief.transcriptId(),
          belief.beliefId(),
          belief.speaker(),
          belief.statement(),
          belief.stance(),
          belief.confidence(),
          belief.topic(),
          belief.levels().stream().map(String::valueOf).collect(Collectors.joining(";")),
          first == null ? "" : first.quote(),
          first == null ? null : first.utteranceIndex(),
          first == null ? null : first.startSeconds(),
          first == null ? null : first.endSeconds(),
          belief.evidence().size());
    }
  }

  static String csv(Map<String, List<MergedBelief>> beliefsByTranscript) throws IOException {
    StringWriter out = new StringWriter();
    try (SequenceWriter writer = MAPPER.writer(SCHEMA).writeValues(out)) {
      for (List<MergedBelief> beliefs : beliefsByTranscript.values()) {
        for (MergedBelief belief : beliefs) {
          writer.write(Row.of(belief));
        }
      }
    }
    return out.toString();
  }

  static void write(String outputDir, Map<String, List<MergedBelief>> beliefsByTranscript)
      throws IOException {
    OutputFiles.write(OutputFiles.resolve(outputDir, FILE), csv(beliefsByTranscript));
  }
}
