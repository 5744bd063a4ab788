package dev.beliefs.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of {@code DIR/eval.json}, written by {@code ./beliefs eval}: per transcript and in
 * total, beliefs predicted and referenced, matched, precision, recall and F1, stance agreement.
 */
final class EvalTable {

  private EvalTable() {}

  static Table of(JsonNode eval) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : eval.path("transcripts")) {
      rows.add(row(row));
    }
    if (eval.has("total")) {
      rows.add(row(eval.get("total")));
    }
    return new Table(
        "Evaluation against " + eval.path("gold").asText("reference beliefs"),
        List.of(
            "transcript",
            "predicted",
            "references (core)",
            "matched (core)",
            "precision",
            "recall core",
            "recall all",
            "F1",
            "stance agreement"),
        rows);
  }

  private static List<String> row(JsonNode row) {
    return List.of(
        row.path("transcript_id").asText("?"),
        Numbers.count(row.path("predictions").asLong()),
        Numbers.count(row.path("references").asLong())
            + " ("
            + Numbers.count(row.path("core_references").asLong())
            + ")",
        Numbers.count(row.path("matched").asLong())
            + " ("
            + Numbers.count(row.path("matched_core").asLong())
            + ")",
        share(row.get("precision")),
        share(row.get("recall_core")),
        share(row.get("recall_all")),
        share(row.get("f1")),
        share(row.get("stance_agreement")));
  }

  /** A ratio 0..1 as a percentage; null when it is undefined. */
  private static String share(JsonNode ratio) {
    return ratio == null || !ratio.isNumber() ? "-" : Numbers.percent(ratio.asDouble());
  }
}
