package dev.beliefs.pipeline.eval;

import java.util.SortedMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One row of {@code eval.json}, per transcript or {@code "total"} (the contract with the report).
 * Ratios are 0..1, or null when undefined (no predictions, no references, no matches).
 *
 * @param precision matched predictions / predictions
 * @param recallCore matched core references / core references
 * @param recallAll matched references / references
 * @param f1 harmonic mean of precision and core recall
 * @param stanceAgreement matches whose stance agrees / matches
 * @param levels for each level, how many matched predictions were found at it
 */
record EvalRow(
    String transcriptId,
    long predictions,
    long references,
    long coreReferences,
    long matched,
    long matchedCore,
    @Nullable Double precision,
    @Nullable Double recallCore,
    @Nullable Double recallAll,
    @Nullable Double f1,
    @Nullable Double stanceAgreement,
    SortedMap<Integer, Long> levels) {

  static EvalRow of(String transcriptId, Tally t) {
    Double precision = ratio(t.matched(), t.predictions());
    Double recallCore = ratio(t.matchedCore(), t.coreReferences());
    Double f1 =
        precision == null || recallCore == null
            ? null
            : f1(
                (double) t.matched() / t.predictions(),
                (double) t.matchedCore() / t.coreReferences());
    return new EvalRow(
        transcriptId,
        t.predictions(),
        t.references(),
        t.coreReferences(),
        t.matched(),
        t.matchedCore(),
        precision,
        recallCore,
        ratio(t.matched(), t.references()),
        f1,
        ratio(t.stanceAgreed(), t.matched()),
        t.levels());
  }

  private static @Nullable Double ratio(long part, long whole) {
    return whole == 0 ? null : round((double) part / whole);
  }

  private static double f1(double precision, double recall) {
    return precision + recall == 0 ? 0.0 : round(2 * precision * recall / (precision + recall));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
