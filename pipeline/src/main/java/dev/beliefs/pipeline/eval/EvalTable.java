package dev.beliefs.pipeline.eval;

import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** The evaluation as a table for the terminal, one line per transcript and the total. */
final class EvalTable {

  private static final String ROW = "%-28s %6s %10s %10s %9s %8s %8s %6s %7s  %s%n";

  private EvalTable() {}

  static void print(EvalReport report, PrintStream out) {
    out.printf(
        Locale.ROOT,
        ROW,
        "transcript",
        "pred",
        "refs/core",
        "match/core",
        "precision",
        "rec core",
        "rec all",
        "F1",
        "stance",
        "levels of matches");
    report.transcripts().forEach(row -> line(row, out));
    line(report.total(), out);
  }

  private static void line(EvalRow row, PrintStream out) {
    out.printf(
        Locale.ROOT,
        ROW,
        row.transcriptId(),
        row.predictions(),
        row.references() + "/" + row.coreReferences(),
        row.matched() + "/" + row.matchedCore(),
        ratio(row.precision()),
        ratio(row.recallCore()),
        ratio(row.recallAll()),
        ratio(row.f1()),
        ratio(row.stanceAgreement()),
        row.levels().entrySet().stream()
            .map(e -> "L" + e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(" ")));
  }

  private static String ratio(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
