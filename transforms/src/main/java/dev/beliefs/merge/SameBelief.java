package dev.beliefs.merge;

import dev.beliefs.model.ContentWords;
import dev.beliefs.model.Evidence;
import java.util.Locale;

/**
 * The merge decision for two wordings of one speaker's beliefs. Never the same: other speaker,
 * other stance, or statements that say opposite things ({@link Opposition}). Then the cheapest
 * strong signal: citing the same or overlapping words of one utterance makes them one belief when
 * their statements share at least {@value #SAME_EVIDENCE_WORDING} of their content words ({@link
 * #similarity}); otherwise they must share at least {@value #SAME_WORDING}. Measured on the
 * labelled pairs of {@code testdata/merge/statement-pairs.jsonl} ({@code SameBeliefPairsTest}).
 */
final class SameBelief {

  static final double SAME_WORDING = 0.5;
  static final double SAME_EVIDENCE_WORDING = 0.45;

  private SameBelief() {}

  static boolean same(Candidate a, Candidate b) {
    if (!a.speaker.equals(b.speaker)
        || !a.stance.equals(b.stance)
        || Opposition.opposite(a.statement, b.statement)) {
      return false;
    }
    double similarity = similarity(a, b);
    return similarity >= SAME_WORDING
        || (similarity >= SAME_EVIDENCE_WORDING && sharesEvidence(a, b));
  }

  /** Dice coefficient of the statements' content-word stems, 0..1. */
  static double similarity(Candidate a, Candidate b) {
    int total = a.stems.size() + b.stems.size();
    return total == 0 ? 0 : 2.0 * ContentWords.shared(a.stems, b.stems) / total;
  }

  private static boolean sharesEvidence(Candidate a, Candidate b) {
    for (Evidence x : a.evidence()) {
      for (Evidence y : b.evidence()) {
        if (x.utteranceIndex() == y.utteranceIndex() && overlap(x.quote(), y.quote())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether two quotes of one utterance overlap: their longest common run of words is at least half
   * the shorter quote.
   */
  static boolean overlap(String a, String b) {
    String[] x = a.toLowerCase(Locale.ROOT).split("\\s+");
    String[] y = b.toLowerCase(Locale.ROOT).split("\\s+");
    int longest = 0;
    int[] previous = new int[y.length + 1];
    for (int i = 1; i <= x.length; i++) {
      int[] current = new int[y.length + 1];
      for (int j = 1; j <= y.length; j++) {
        if (x[i - 1].equals(y[j - 1])) {
          current[j] = previous[j - 1] + 1;
          longest = Math.max(longest, current[j]);
        }
      }
      previous = current;
    }
    return 2 * longest >= Math.min(x.length, y.length);
  }
}
