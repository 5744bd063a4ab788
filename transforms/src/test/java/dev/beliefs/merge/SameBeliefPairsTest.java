package dev.beliefs.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Belief;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merge decision on the labelled pairs of {@code testdata/merge/statement-pairs.jsonl} (see the
 * README beside it): merging "same" pairs is what it should do, merging "related" or
 * "contradictory" ones is a mistake.
 */
class SameBeliefPairsTest {

  private final Map<String, Transcript> transcripts = new HashMap<>();

  @Test
  void mergeDecision_reachesPrecision095AndRecall080_andNeverJoinsContradictions()
      throws Exception {
    Path pairs = TestData.transcripts().resolveSibling("merge/statement-pairs.jsonl");
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    List<String> contradictionsMerged = new ArrayList<>();
    List<String> mistakes = new ArrayList<>();
    for (String line : Files.readAllLines(pairs)) {
      JsonNode pair = Json.MAPPER.readTree(line);
      String label = pair.get("label").asText();
      Candidate a = candidate(pair.get("a"));
      Candidate b = candidate(pair.get("b"));
      boolean merged = SameBelief.same(a, b);
      line =
          String.format(
              Locale.ROOT,
              "similarity %.2f: %s / %s",
              SameBelief.similarity(a, b),
              a.statement,
              b.statement);
      boolean same = label.equals("same");
      if (merged && same) {
        truePositives++;
      } else if (merged) {
        falsePositives++;
        mistakes.add("merged " + label + ": " + line);
        if (label.equals("contradictory")) {
          contradictionsMerged.add(line);
        }
      } else if (same) {
        falseNegatives++;
        mistakes.add("kept apart: " + line);
      }
    }
    double precision = (double) truePositives / (truePositives + falsePositives);
    double recall = (double) truePositives / (truePositives + falseNegatives);
    System.out.printf(
        Locale.ROOT,
        "merge decision on %s: precision %.3f (%d of %d merged), recall %.3f (%d of %d same)%n",
        pairs.getFileName(),
        precision,
        truePositives,
        truePositives + falsePositives,
        recall,
        truePositives,
        truePositives + falseNegatives);
    mistakes.forEach(System.out::println);

    assertTrue(truePositives + falseNegatives >= 50, "same pairs");
    assertEquals(List.of(), contradictionsMerged);
    assertTrue(precision >= 0.95, "precision " + precision);
    assertTrue(recall >= 0.80, "recall " + recall);
  }

  private Candidate candidate(JsonNode side) throws Exception {
    String quote = side.get("quote").asText();
    Utterance utterance = utteranceSaying(side.get("transcript_id").asText(), quote);
    Belief belief =
        new Belief(
            side.get("speaker").asText(),
            side.get("statement").asText(),
            side.get("stance").asText(),
            0.8,
            "topic",
            new Evidence(quote, utterance.index(), null, null));
    return new Candidate(Candidate.key(belief), List.of(new Mention(1, belief)));
  }

  private Utterance utteranceSaying(String transcriptId, String quote) throws Exception {
    Transcript transcript = transcripts.get(transcriptId);
    if (transcript == null) {
      try (var files = Files.list(TestData.transcripts().resolve("conversations"))) {
        Path file =
            files
                .filter(f -> f.getFileName().toString().startsWith(transcriptId + "."))
                .findFirst()
                .orElseThrow();
        transcript =
            new TranscriptParser(null)
                .parse(transcriptId, file.toUri().toString(), Files.readAllBytes(file));
      }
      transcripts.put(transcriptId, transcript);
    }
    String needle = fold(quote);
    return transcript.utterances().stream()
        .filter(u -> fold(u.text()).contains(needle))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not in " + transcriptId + ": " + quote));
  }

  private static String fold(String text) {
    return text.replaceAll("\\\\(?=\\S)", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
