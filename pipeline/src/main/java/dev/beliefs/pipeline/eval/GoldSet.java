package dev.beliefs.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Stance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reference beliefs of a gold directory: {@code DIR/<transcript id>.jsonl}, one belief a line,
 * as {@code GUIDELINES.md} describes. A line that is not a valid reference is reported, naming the
 * file and line, and left out.
 */
final class GoldSet {

  private GoldSet() {}

  static SortedMap<String, List<Reference>> read(String dir, Consumer<String> problems)
      throws IOException {
    SortedMap<String, List<Reference>> byTranscript = new TreeMap<>();
    for (String file : EvalFiles.match(EvalFiles.dir(dir) + "/*.jsonl")) {
      String transcriptId = EvalFiles.baseName(file);
      List<Reference> references = new ArrayList<>();
      String[] lines = EvalFiles.read(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        try {
          references.add(reference(transcriptId, Json.MAPPER.readTree(lines[i]), i + 1));
        } catch (IOException | IllegalArgumentException e) {
          problems.accept(file + " line " + (i + 1) + ": " + e.getMessage());
        }
      }
      byTranscript.put(transcriptId, references);
    }
    return byTranscript;
  }

  private static Reference reference(String transcriptId, JsonNode line, int number) {
    String stance = text(line, "stance");
    if (!Stance.ALL.contains(stance)) {
      throw new IllegalArgumentException("stance '" + stance + "' is not one of " + Stance.ALL);
    }
    String importance = text(line, "importance");
    if (!importance.equals("core") && !importance.equals("minor")) {
      throw new IllegalArgumentException("importance '" + importance + "' is not core or minor");
    }
    return new Reference(
        transcriptId,
        text(line, "speaker"),
        text(line, "quote"),
        line.path("statement").asText(""),
        stance,
        importance.equals("core"),
        number);
  }

  private static String text(JsonNode line, String field) {
    String value = line.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value;
  }
}
