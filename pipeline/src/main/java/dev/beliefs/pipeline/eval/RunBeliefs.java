package dev.beliefs.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a finished run wrote that the evaluation needs: the merged beliefs of {@code
 * RUN_DIR/beliefs/*.jsonl} by transcript id, and where each transcript was read from ({@code
 * RUN_DIR/manifest/*.json}).
 */
final class RunBeliefs {

  private final Map<String, List<Prediction>> byTranscript = new TreeMap<>();
  private final Map<String, String> sources = new TreeMap<>();

  private RunBeliefs() {}

  static RunBeliefs read(String runDir, Consumer<String> problems) throws IOException {
    RunBeliefs run = new RunBeliefs();
    String dir = EvalFiles.dir(runDir);
    for (String file : EvalFiles.match(dir + "/beliefs/*.jsonl")) {
      String[] lines = EvalFiles.read(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          try {
            run.add(Json.MAPPER.readTree(lines[i]));
          } catch (IOException | IllegalArgumentException e) {
            problems.accept(file + " line " + (i + 1) + ": " + e.getMessage());
          }
        }
      }
    }
    for (String file : EvalFiles.match(dir + "/manifest/*.json")) {
      JsonNode manifest = Json.MAPPER.readTree(EvalFiles.read(file));
      run.sources.put(manifest.path("transcript_id").asText(), manifest.path("source").asText());
    }
    return run;
  }

  private void add(JsonNode belief) {
    String transcriptId = belief.path("transcript_id").asText("");
    String speaker = belief.path("speaker").asText("");
    if (transcriptId.isEmpty() || speaker.isEmpty()) {
      throw new IllegalArgumentException("a belief needs transcript_id and speaker");
    }
    List<Integer> levels = new ArrayList<>();
    belief.path("levels").forEach(level -> levels.add(level.asInt()));
    List<String> quotes = new ArrayList<>();
    belief.path("evidence").forEach(evidence -> quotes.add(evidence.path("quote").asText("")));
    byTranscript
        .computeIfAbsent(transcriptId, k -> new ArrayList<>())
        .add(new Prediction(speaker, belief.path("stance").asText(""), levels, quotes));
  }

  /**
   * The run's id for a gold transcript id: the same id, or the only one whose last path segment it
   * is (a run over {@code dir/**} names transcripts by their path under {@code dir}).
   */
  String runIdFor(String goldId) {
    if (byTranscript.containsKey(goldId) || sources.containsKey(goldId)) {
      return goldId;
    }
    List<String> candidates =
        java.util.stream.Stream.concat(byTranscript.keySet().stream(), sources.keySet().stream())
            .filter(id -> id.endsWith("/" + goldId))
            .distinct()
            .toList();
    return candidates.size() == 1 ? candidates.get(0) : goldId;
  }

  List<Prediction> predictions(String runId) {
    return byTranscript.getOrDefault(runId, List.of());
  }

  /** Where the run read the transcript, if its manifest says. */
  String source(String runId) {
    return sources.get(runId);
  }

  java.util.Set<String> transcriptIds() {
    return byTranscript.keySet();
  }
}
