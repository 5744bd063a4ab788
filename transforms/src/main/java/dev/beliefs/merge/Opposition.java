package dev.beliefs.merge;

import dev.beliefs.model.ContentWords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two statements say opposite things though their words are close: one negates a term both
 * use and the other does not ("X is safe" / "X is not safe", "no longer need" / "still need"; the
 * negated term is the first content word after the negation, and "not only" or "not just" negate
 * nothing), or one uses a term whose antonym the other uses ("better" / "worse", "possible" /
 * "impossible"). Merging never joins such statements, however similar they are otherwise.
 */
final class Opposition {

  private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;:.!?()]|\\bbut\\b");
  private static final Pattern WORD = Pattern.compile("[\\p{L}]+(?:['’]t)?");
  private static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "no",
          "never",
          "nothing",
          "nobody",
          "none",
          "neither",
          "nor",
          "cannot",
          "without",
          "hardly",
          "barely",
          "isn't",
          "aren't",
          "wasn't",
          "weren't",
          "don't",
          "doesn't",
          "didn't",
          "won't",
          "wouldn't",
          "can't",
          "couldn't",
          "shouldn't",
          "haven't",
          "hasn't",
          "hadn't",
          "mustn't",
          "ain't",
          "nowhere");
  private static final int SCOPE = 3;
  private static final Set<String> NEGATES_NOTHING = Set.of("only", "just", "merely");
  private static final Set<String> NOT_THE_TERM =
      Set.of("longer", "even", "ever", "quite", "necessarily", "always", "yet", "still");
  private static final Set<String> ANTONYMS = antonyms();
  private static final List<String> NEGATING_PREFIXES =
      List.of("un", "in", "im", "ir", "il", "dis", "non");

  private Opposition() {}

  static boolean opposite(String a, String b) {
    Set<String> shared = ContentWords.stems(a);
    shared.retainAll(ContentWords.stems(b));
    List<List<String>> clausesA = clauses(a);
    List<List<String>> clausesB = clauses(b);
    if (negatesAlone(clausesA, clausesB, shared) || negatesAlone(clausesB, clausesA, shared)) {
      return true;
    }
    Set<String> onlyA = new HashSet<>();
    clausesA.forEach(onlyA::addAll);
    Set<String> onlyB = new HashSet<>();
    clausesB.forEach(onlyB::addAll);
    Set<String> inBoth = new HashSet<>(onlyA);
    inBoth.retainAll(onlyB);
    onlyA.removeAll(inBoth);
    onlyB.removeAll(inBoth);
    for (String x : onlyA) {
      for (String y : onlyB) {
        if (antonyms(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code x} negates a shared term that no negated clause of {@code y} speaks of. A
   * negation's term is the first shared one among the next {@value #SCOPE} content words; a clause
   * of {@code y} counts as negated when it holds a negation, so "it costs nothing" and "at no cost"
   * agree.
   */
  private static boolean negatesAlone(
      List<List<String>> x, List<List<String>> y, Set<String> shared) {
    Set<String> negatedInY = new HashSet<>();
    for (List<String> clause : y) {
      if (hasNegation(clause)) {
        clause.forEach(word -> negatedInY.addAll(ContentWords.stems(word)));
      }
    }
    for (List<String> clause : x) {
      for (int i = 0; i < clause.size(); i++) {
        if (isNegation(clause, i)) {
          String term = negatedTerm(clause, i, shared);
          if (term != null && !negatedInY.contains(term)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean hasNegation(List<String> clause) {
    for (int i = 0; i < clause.size(); i++) {
      if (isNegation(clause, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNegation(List<String> words, int i) {
    return NEGATIONS.contains(words.get(i))
        && !(i + 1 < words.size() && NEGATES_NOTHING.contains(words.get(i + 1)));
  }

  private static String negatedTerm(List<String> words, int negation, Set<String> shared) {
    int seen = 0;
    for (int j = negation + 1; j < words.size() && seen < SCOPE; j++) {
      Set<String> stems = ContentWords.stems(words.get(j));
      if (stems.isEmpty() || NOT_THE_TERM.contains(words.get(j))) {
        continue;
      }
      seen++;
      String stem = stems.iterator().next();
      if (shared.contains(stem)) {
        return stem;
      }
    }
    return null;
  }

  private static boolean antonyms(String x, String y) {
    if (ANTONYMS.contains(x + " " + y)) {
      return true;
    }
    for (String prefix : NEGATING_PREFIXES) {
      if ((x.equals(prefix + y) || y.equals(prefix + x)) && Math.min(x.length(), y.length()) >= 4) {
        return true;
      }
    }
    return false;
  }

  /** The text's clauses (split at punctuation and "but"), each as lower-case words. */
  private static List<List<String>> clauses(String text) {
    List<List<String>> clauses = new ArrayList<>();
    for (String clause : CLAUSE_BREAK.split(text.toLowerCase(Locale.ROOT).replace('’', '\''))) {
      Matcher word = WORD.matcher(clause);
      List<String> words = new ArrayList<>();
      while (word.find()) {
        words.add(word.group());
      }
      clauses.add(words);
    }
    return clauses;
  }

  /** Each pair as "x y" and "y x". */
  private static Set<String> antonyms() {
    String pairs =
        "better worse,best worst,good bad,more less,most least,increase decrease,increases"
            + " decreases,increased decreased,rise fall,rises falls,higher lower,high low,easy"
            + " hard,easier harder,easy difficult,easier difficult,simple complicated,simple"
            + " complex,simpler harder,true false,right wrong,safe dangerous,safer riskier,likely"
            + " unlikely,always never,fast slow,faster slower,cheap expensive,cheaper costlier,new"
            + " old,newer older,love hate,agree disagree,success failure,succeed fail,succeeded"
            + " failed,strong weak,stronger weaker,help hurt,helps hurts,benefit harm,benefits"
            + " harms,positive negative,useful useless,important unimportant,possible"
            + " impossible,able unable,allow forbid,allows forbids,win lose,wins loses,gain"
            + " loss,gains losses,up down,many few,large small,larger smaller,big small,bigger"
            + " smaller,rich poor,clear unclear,open closed,wise foolish,pro anti,for against,like"
            + " dislike,likes dislikes,before after,over under,above below,inside outside,more"
            + " fewer,cool uncool,necessary unnecessary,enough insufficient,real fake,powerful"
            + " weak,limited unlimited,limitless limited,free costly,accept reject,accepted"
            + " rejected,support oppose,supports opposes,should shouldn't,must mustn't,can cannot,will"
            + " won't,everyone nobody,everything nothing,all none,always sometimes,often"
            + " seldom,often rarely,should needn't,major minor,great poor,good poor,amazing"
            + " terrible,profound trivial,elegant clumsy";
    Set<String> both = new HashSet<>();
    for (String pair : pairs.split(",")) {
      String[] words = pair.split(" ");
      both.add(words[0] + " " + words[1]);
      both.add(words[1] + " " + words[0]);
    }
    return Set.copyOf(both);
  }
}
