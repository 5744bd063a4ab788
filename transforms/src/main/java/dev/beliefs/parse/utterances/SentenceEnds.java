package dev.beliefs.parse.utterances;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where sentences end, word by word: a word that ends with {@code .}, {@code !} or {@code ?}
 * (closing quotes and brackets after it allowed) ends a sentence, unless it is an ellipsis, an
 * initial in capitals ({@code J.}, {@code U.S.}) or a common abbreviation ({@code Mr.}, {@code
 * e.g.}); the full-width marks {@code 。！？} end a sentence wherever they stand, since Chinese and
 * Japanese put no space after them.
 */
final class SentenceEnds {

  private static final String CLOSERS = "\"'”’»)]";
  private static final String FULL_WIDTH_ENDS = "。！？";
  private static final Pattern OPENERS = Pattern.compile("^[\"“‘«(\\[]+");
  private static final Pattern INITIALS = Pattern.compile("(?:\\p{Lu}\\.)+");
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr.", "mrs.", "ms.", "dr.", "prof.", "sr.", "jr.", "st.", "vs.", "etc.", "e.g.", "i.e.",
          "inc.", "ltd.", "co.", "mt.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "capt.",
          "sgt.", "approx.", "a.m.", "p.m.", "cf.", "fig.", "vol.");

  private SentenceEnds() {}

  static boolean endsSentence(String word) {
    int end = word.length();
    while (end > 0 && CLOSERS.indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    char last = word.charAt(end - 1);
    if (FULL_WIDTH_ENDS.indexOf(last) >= 0 || last == '!' || last == '?') {
      return true;
    }
    if (last != '.' || (end >= 3 && word.startsWith("...", end - 3))) {
      return false;
    }
    String bare = OPENERS.matcher(word.substring(0, end).toLowerCase(Locale.ROOT)).replaceFirst("");
    return !ABBREVIATIONS.contains(bare) && !INITIALS.matcher(bare).matches();
  }

  /**
   * The word cut after each full-width sentence mark inside it ({@code 你好。我是} becomes {@code 你好。}
   * and {@code 我是}); the word itself when it holds none before its end.
   */
  static List<String> splitAfterMarks(String word) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < word.length() - 1; i++) {
      if (FULL_WIDTH_ENDS.indexOf(word.charAt(i)) >= 0
          && FULL_WIDTH_ENDS.indexOf(word.charAt(i + 1)) < 0
          && CLOSERS.indexOf(word.charAt(i + 1)) < 0) {
        parts.add(word.substring(from, i + 1));
        from = i + 1;
      }
    }
    parts.add(word.substring(from));
    return parts;
  }
}
