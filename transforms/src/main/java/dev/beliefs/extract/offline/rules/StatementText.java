package dev.beliefs.extract.offline.rules;

import java.util.regex.Pattern;

/**
 * A sentence as a statement a reader can take in alone: without the stance marker that opens it ("I
 * think that ..."; the stance keeps what it said), without leading fillers ("So, yeah, ..."), false
 * starts and repetitions ("the, the", "we're trying to show the, we're trying to ..."), and asides
 * between dashes. Nothing else is rewritten: pronouns and first person stay as spoken, since a rule
 * cannot resolve them safely.
 */
public final class StatementText {

  private static final int MIN_CLAUSE_WORDS = 4;

  private static final Pattern FILLERS =
      Pattern.compile(
          "(?iu)^(?:(?:so|and|but|well|yeah|yes|oh|now|okay|ok|again|um|uh|you know|I mean|like"
              + "|actually|honestly|also|sure|right|and then|for myself|for me)\\b[,\\s]*"
              + "|[-–—,.…\\s]+)+");
  private static final Pattern REPEATED =
      Pattern.compile(
          "(?iu)\\b((?:[\\p{L}'’]+\\W+){0,5}?[\\p{L}'’]+)(?:,|\\s+--|\\s+-)?\\s+\\1\\b");
  private static final Pattern ASIDE =
      Pattern.compile("\\s+(?:--|—|–)\\s+[^-—–]{1,60}?\\s+(?:--|—|–)\\s+");
  private static final Pattern TRAILING = Pattern.compile("(?:\\s*(?:--|—|–|\\.\\.\\.|…|,))+\\s*$");

  /** Words a clause cannot start with and be a sentence: it would be a fragment. */
  private static final Pattern FRAGMENT_START =
      Pattern.compile(
          "(?iu)^(?:to|of|in|on|at|for|with|about|and|but|or|so|because|if|whether|when|is|are"
              + "|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should|like)\\b");

  private StatementText() {}

  public static String of(String sentence, int markerEnd) {
    String clause = sentence.substring(markerEnd);
    if (markerEnd == 0
        || clause.split("\\s+").length < MIN_CLAUSE_WORDS
        || FRAGMENT_START.matcher(clause).lookingAt()) {
      clause = sentence;
    }
    String text = ASIDE.matcher(clause).replaceAll(" ");
    String previous;
    do {
      previous = text;
      text = REPEATED.matcher(text).replaceAll("$1");
      text = FILLERS.matcher(text).replaceFirst("");
    } while (!text.equals(previous));
    text = TRAILING.matcher(text).replaceFirst("").strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return text;
    }
    text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    return text.matches("(?s).*[.!?]$") ? text : text + ".";
  }
}
