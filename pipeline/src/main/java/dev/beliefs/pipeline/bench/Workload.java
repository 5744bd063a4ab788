package dev.beliefs.pipeline.bench;

import dev.beliefs.json.Json;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's input: the first utterances of a transcript, written in the project's JSON format
 * so that every row reads exactly the same text.
 */
final class Workload {

  private Workload() {}

  /** Writes {@code DIR/workload/<name>-first-<n>.json} and returns its path. */
  static Path write(Path transcript, int utterances, Path outputDir)
      throws IOException, TranscriptParseException {
    Transcript parsed =
        new TranscriptParser(null)
            .parse("workload", transcript.toString(), Files.readAllBytes(transcript));
    List<Utterance> first =
        parsed.utterances().subList(0, Math.min(utterances, parsed.utterances().size()));
    List<Map<String, Object>> entries =
        first.stream()
            .map(
                u -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("speaker", u.speaker());
                  entry.put("text", u.text());
                  entry.put("start_seconds", u.startSeconds());
                  entry.put("end_seconds", u.endSeconds());
                  return entry;
                })
            .toList();
    String name = transcript.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    Path file =
        Files.createDirectories(outputDir.resolve("workload"))
            .resolve(name + "-first-" + first.size() + ".json");
    Files.writeString(file, Json.pretty(Map.of("title", name, "utterances", entries)));
    return file;
  }
}
