package dev.beliefs.pipeline.eval;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The counts behind one row of the evaluation; adding them gives the total row. */
record Tally(
    long predictions,
    long references,
    long coreReferences,
    long matched,
    long matchedCore,
    long stanceAgreed,
    SortedMap<Integer, Long> levels) {

  static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, new TreeMap<>());

  Tally {
    levels = new TreeMap<>(levels);
  }

  static Tally of(
      List<Prediction> predictions, List<Reference> references, List<BeliefMatcher.Match> matches) {
    long matchedCore = 0;
    long stanceAgreed = 0;
    SortedMap<Integer, Long> levels = new TreeMap<>();
    for (BeliefMatcher.Match match : matches) {
      Prediction prediction = predictions.get(match.prediction());
      Reference reference = references.get(match.reference());
      matchedCore += reference.core() ? 1 : 0;
      stanceAgreed += prediction.stance().equals(reference.stance()) ? 1 : 0;
      prediction.levels().forEach(level -> levels.merge(level, 1L, Long::sum));
    }
    return new Tally(
        predictions.size(),
        references.size(),
        references.stream().filter(Reference::core).count(),
        matches.size(),
        matchedCore,
        stanceAgreed,
        levels);
  }

  Tally plus(Tally other) {
    SortedMap<Integer, Long> sum = new TreeMap<>(levels);
    other.levels.forEach((level, n) -> sum.merge(level, n, Long::sum));
    return new Tally(
        predictions + other.predictions,
        references + other.references,
        coreReferences + other.coreReferences,
        matched + other.matched,
        matchedCore + other.matchedCore,
        stanceAgreed + other.stanceAgreed,
        sum);
  }
}
