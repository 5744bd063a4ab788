package dev.beliefs.io;

import dev.beliefs.cost.Totals;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DIR/runs.jsonl}: one line per run of the job over an output directory, the history of a
 * scheduled job. Appending reads the file, adds the line and writes the whole file back under a
 * temporary name that is then renamed (through {@link FileSystems}: an object store has no append).
 * So readers always see whole lines, but two runs finishing at the same moment over one output can
 * lose one of the two lines: concurrent runs over one output are not supported (the schedules in
 * {@code runner-configs/schedule/} never start one while another runs).
 */
public final class RunLog {

  public static final String FILE = "runs.jsonl";

  private RunLog() {}

  /**
   * One run: when, with what configuration and project version, and what it did. The counts are
   * null when the job did not finish (exit code 1).
   *
   * @param runId the Beam job name, unique per run
   * @param exitCode the process exit code (0 done, 3 some failed, 1 crashed, 130 and 143 stopped by
   *     SIGINT and SIGTERM)
   * @param status the exit code in a word: {@code completed}, {@code completed_with_failures},
   *     {@code crashed}, {@code interrupted}
   * @param perLevel completion tokens and chunks per level, which {@code estimate} learns from
   */
  public record Entry(
      String runId,
      String startedAt,
      String endedAt,
      int exitCode,
      @Nullable String status,
      String version,
      String input,
      String runner,
      int workers,
      String model,
      List<Integer> levels,
      @Nullable Long transcripts,
      @Nullable Long transcriptsSkipped,
      @Nullable Long transcriptsFailed,
      @Nullable Long chunks,
      @Nullable Long chunksFailed,
      @Nullable Long requests,
      @Nullable Long cacheHits,
      @Nullable Long beliefs,
      @Nullable Long promptTokens,
      @Nullable Long completionTokens,
      @Nullable BigDecimal costUsd,
      @Nullable BigDecimal savedUsd,
      @Nullable Double wallSeconds,
      @Nullable Double latencyMeanMs,
      @Nullable SortedMap<Integer, Totals> perLevel) {

    public static Entry of(
        String runId,
        Instant started,
        Instant ended,
        int exitCode,
        String version,
        String input,
        RunSummary.RunInfo info,
        List<Integer> levels,
        @Nullable RunSummary summary) {
      boolean done = summary != null;
      return new Entry(
          runId,
          started.toString(),
          ended.toString(),
          exitCode,
          RunLog.status(exitCode),
          version,
          input,
          info.runner(),
          info.workers(),
          info.model(),
          List.copyOf(levels),
          done ? summary.transcripts() : null,
          done ? summary.transcriptsSkipped() : null,
          done ? summary.transcriptsFailed() : null,
          done ? summary.chunks() : null,
          done ? summary.chunksFailed() : null,
          done ? summary.requests() : null,
          done ? summary.cacheHits() : null,
          done ? summary.beliefs() : null,
          done ? summary.promptTokens() : null,
          done ? summary.completionTokens() : null,
          done ? summary.costUsd() : null,
          done ? summary.savedUsd() : null,
          done ? summary.wallSeconds() : null,
          done ? summary.latencyMs().meanMs() : null,
          done ? summary.perLevel() : null);
    }
  }

  /** An exit code in a word; signals are 128 plus their number (SIGINT 2, SIGTERM 15). */
  static String status(int exitCode) {
    return switch (exitCode) {
      case 0 -> "completed";
      case 3 -> "completed_with_failures";
      case 130, 143 -> "interrupted";
      default -> "crashed";
    };
  }

  public static void append(String outputDir, Entry entry) throws IOException {
    ResourceId file = OutputFiles.resolve(outputDir, FILE);
    List<String> lines = new ArrayList<>(lines(file));
    lines.add(Json.line(entry));
    OutputFiles.writeLines(file, lines);
  }

  /** Every run recorded under {@code outputDir}, oldest first; empty when there is no log. */
  public static List<Entry> read(String outputDir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : lines(OutputFiles.resolve(outputDir, FILE))) {
      entries.add(Json.MAPPER.readValue(line, Entry.class));
    }
    return entries;
  }

  private static List<String> lines(ResourceId file) throws IOException {
    MatchResult match =
        FileSystems.match(List.of(file.toString()), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.NOT_FOUND || match.metadata().isEmpty()) {
      return List.of();
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    }
  }
}
