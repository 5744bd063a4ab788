package dev.beliefs.extract.offline.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of signal a sentence can carry, and its weight. It counts at most twice per sentence, so
 * that a long sentence does not win by length.
 */
record Signal(Pattern pattern, double weight) {

  private static final int MAX_COUNTED = 2;

  /**
   * Any of {@code words} (regular expressions), as whole words in any case; an apostrophe in them
   * also matches a typographic one.
   */
  static Signal words(double weight, String... words) {
    return new Signal(
        Pattern.compile("(?i)\\b(?:" + String.join("|", words).replace("'", "['’]") + ")\\b"),
        weight);
  }

  /** What this signal adds to the sentence's score. */
  double score(String sentence) {
    return weight * Math.min(MAX_COUNTED, count(pattern.matcher(sentence)));
  }

  private static int count(Matcher matcher) {
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
