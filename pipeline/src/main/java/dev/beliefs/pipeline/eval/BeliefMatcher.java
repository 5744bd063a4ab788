package dev.beliefs.pipeline.eval;

import dev.beliefs.pipeline.eval.NormalisedText.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs the predictions of one transcript with its references, by the evaluation's matching rule
 * (kept exactly so that figures compare across runs and tools): a prediction matches a reference
 * when the speakers agree ({@link SpeakerAliases}) and one of its evidence quotes overlaps the
 * reference quote in the transcript text ({@link NormalisedText}) by at least half the length of
 * the shorter of the two spans. Matching is one-to-one, largest overlap first; ties go to the
 * earlier reference, then the earlier prediction, so the result does not depend on anything else.
 */
final class BeliefMatcher {

  /** A matched pair, by position in the lists given to {@link #match}. */
  record Match(int prediction, int reference, int overlap) {}

  private BeliefMatcher() {}

  static List<Match> match(
      NormalisedText transcript,
      SpeakerAliases speakers,
      List<Prediction> predictions,
      List<Reference> references) {
    List<List<Span>> predictedSpans = new ArrayList<>();
    for (Prediction prediction : predictions) {
      List<Span> spans = new ArrayList<>();
      prediction.quotes().forEach(quote -> spans.addAll(transcript.spansOf(quote)));
      predictedSpans.add(spans);
    }
    List<Match> candidates = new ArrayList<>();
    for (int r = 0; r < references.size(); r++) {
      Reference reference = references.get(r);
      List<Span> referenceSpans = transcript.spansOf(reference.quote());
      for (int p = 0; p < predictions.size(); p++) {
        if (!speakers.same(predictions.get(p).speaker(), reference.speaker())) {
          continue;
        }
        int best = bestOverlap(predictedSpans.get(p), referenceSpans);
        if (best > 0) {
          candidates.add(new Match(p, r, best));
        }
      }
    }
    candidates.sort(
        Comparator.comparingInt((Match m) -> -m.overlap())
            .thenComparingInt(Match::reference)
            .thenComparingInt(Match::prediction));
    boolean[] predictionTaken = new boolean[predictions.size()];
    boolean[] referenceTaken = new boolean[references.size()];
    List<Match> matches = new ArrayList<>();
    for (Match candidate : candidates) {
      if (!predictionTaken[candidate.prediction()] && !referenceTaken[candidate.reference()]) {
        predictionTaken[candidate.prediction()] = true;
        referenceTaken[candidate.reference()] = true;
        matches.add(candidate);
      }
    }
    return matches;
  }

  /** The largest overlap of any pair of spans that overlap enough, or 0. */
  private static int bestOverlap(List<Span> predicted, List<Span> reference) {
    int best = 0;
    for (Span a : predicted) {
      for (Span b : reference) {
        if (a.overlapsEnough(b)) {
          best = Math.max(best, a.overlap(b));
        }
      }
    }
    return best;
  }
}
