package dev.beliefs.extract.offline.rules;

import java.util.regex.Pattern;

/**
 * How strongly a sentence reads as a view its speaker holds, from the kinds of sentence that carry
 * beliefs (see {@code testdata/gold/GUIDELINES.md}): evaluations ("a remarkable accomplishment"),
 * normative claims ("you need observability"), causal claims ("because ..."), predictions ("will",
 * "going to"), abilities and possibilities ("lets you", "can"), comparisons ("better than", "the
 * most"), stance markers ("I think") and generic present-tense claims ("X is Y"). Against it count
 * what is not a belief: questions, greetings and procedure, narration of one's own doings, talk
 * about what the speaker wants to discuss, fragments. The words of each kind are in {@link
 * BeliefSignals} and {@link NonBeliefSignals}; the shape of the sentence is judged here. The
 * weights were set by reading, not fitted.
 */
public final class SentenceSignals {

  /** A sentence scoring this much or more is taken as a belief. */
  public static final double THRESHOLD = 2.5;

  private static final int MIN_WORDS = 6;
  private static final int MAX_WORDS = 45;

  /** Narration of one's own doings ("I went", "we were"), not a view ("I think" is one). */
  private static final Pattern NARRATION =
      Pattern.compile(
          "(?i)^(?:(?:so|and|but|well|yeah|oh|now)\\W+)*(?:I|I've|I'm|I was|we were|we went|my)\\b"
              + "(?!,? (?:think|believe|feel|love|guess|suppose|know|doubt|wonder|don't think"
              + "|do not think|'m (?:not )?(?:sure|convinced)))");

  /** Cut off: ends in a dash, an ellipsis or a word that cannot end a sentence. */
  private static final Pattern FRAGMENT =
      Pattern.compile(
          "(?i)(?:--|—|–|\\.\\.\\.|…|\\b(?:because|and|but|or|so|the|a|to|of|that|with))\\W*$");

  /** A question, unless rhetorical ("What better vantage point than space?"). */
  private static final Pattern QUESTION = Pattern.compile("(?i)^(?!.*\\bwhat better\\b).*\\?\\s*$");

  private SentenceSignals() {}

  public static double score(String sentence) {
    double score = 0;
    for (Signal signal : BeliefSignals.ALL) {
      score += signal.score(sentence);
    }
    for (Signal signal : NonBeliefSignals.ALL) {
      score += signal.score(sentence);
    }
    score += NARRATION.matcher(sentence).find() ? -1.5 : 0;
    score += QUESTION.matcher(sentence).find() ? -5 : 0;
    score += FRAGMENT.matcher(sentence).find() ? -2 : 0;
    int words = sentence.split("\\s+").length;
    score += words < MIN_WORDS ? -3 : 0;
    score += words > MAX_WORDS ? -0.5 : 0;
    return score;
  }
}
