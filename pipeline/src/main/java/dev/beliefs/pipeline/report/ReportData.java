package dev.beliefs.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.RunSummary;
import dev.beliefs.io.WriteFailures;
import dev.beliefs.json.Json;
import dev.beliefs.model.Failure;
import dev.beliefs.model.MergedBelief;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a run report shows, read back from the run's output directory.
 *
 * @param eval {@code DIR/eval.json} when {@code ./beliefs eval} wrote one, else null
 */
record ReportData(
    RunSummary summary,
    RateLimits limits,
    Map<String, List<MergedBelief>> beliefsByTranscript,
    List<Failure> failures,
    @Nullable JsonNode eval) {

  static final String EVAL = "eval.json";

  static ReportData read(String outputDir, RateLimits limits) throws IOException {
    RunSummary summary;
    try (BufferedReader in = open(OutputFiles.resolve(outputDir, RunSummary.FILE))) {
      summary = Json.MAPPER.readValue(in, RunSummary.class);
    }
    Map<String, List<MergedBelief>> beliefs = new TreeMap<>();
    String pattern = OutputFiles.resolve(outputDir, "beliefs/*.jsonl").toString();
    MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata file : match.metadata()) {
        for (String line : lines(file.resourceId())) {
          MergedBelief belief = Json.MAPPER.readValue(line, MergedBelief.class);
          beliefs.computeIfAbsent(belief.transcriptId(), id -> new ArrayList<>()).add(belief);
        }
      }
    }
    List<Failure> failures = new ArrayList<>();
    for (String line : lines(OutputFiles.resolve(outputDir, WriteFailures.FILE))) {
      failures.add(Json.MAPPER.readValue(line, Failure.class));
    }
    return new ReportData(summary, limits, beliefs, failures, eval(outputDir));
  }

  private static @Nullable JsonNode eval(String outputDir) throws IOException {
    ResourceId file = OutputFiles.resolve(outputDir, EVAL);
    MatchResult match =
        FileSystems.match(List.of(file.toString()), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return null;
    }
    try (BufferedReader in = open(file)) {
      return Json.MAPPER.readTree(in);
    }
  }

  private static List<String> lines(ResourceId file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static BufferedReader open(ResourceId file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            Channels.newInputStream(FileSystems.open(file)), StandardCharsets.UTF_8));
  }
}
