package dev.beliefs.parse.text;

import java.util.Locale;
import java.util.Set;

/**
 * Whether the text before a colon looks like a speaker's name, judged from its words alone:
 *
 * <ul>
 *   <li>{@link #CAPITALISED}: one to six words, the first capitalised, the others capitalised,
 *       numbers or name particles ({@code de}, {@code van}, {@code of} ...): {@code Sam Rivera},
 *       {@code Speaker 1}, {@code Ludwig van Beethoven}, {@code Dr. Oz};
 *   <li>{@link #ALL_CAPS}: written in capitals, as court and hearing transcripts name speakers:
 *       {@code JUSTICE KAGAN}, {@code MR. LONG}, {@code THE COURT};
 *   <li>{@link #UNCASED}: letters of a script without capitals (Chinese, Japanese, Arabic ...), at
 *       most 12 characters: {@code 主持人};
 *   <li>{@link #LOWERCASE}: one lowercase word, as chat logs name people: {@code alice};
 *   <li>{@link #NONE}: anything else, such as {@code The key is}.
 * </ul>
 *
 * Words that head notes and sections ({@code Note}, {@code Summary}, {@code Update} ...) are never
 * names, and a name does not start with a word of ordinary prose ({@code The}, {@code So}, {@code
 * Look} ...) unless it is written in capitals.
 */
public enum NameShape {
  CAPITALISED,
  ALL_CAPS,
  UNCASED,
  LOWERCASE,
  NONE;

  private static final int MAX_WORDS = 6;
  private static final Set<String> SECTION_WORDS =
      Set.of(
          "note",
          "notes",
          "nb",
          "n.b.",
          "update",
          "updated",
          "edit",
          "edited",
          "editor's",
          "editors",
          "correction",
          "corrections",
          "disclaimer",
          "warning",
          "caution",
          "important",
          "summary",
          "transcript",
          "chapter",
          "chapters",
          "episode",
          "part",
          "section",
          "step",
          "tip",
          "tips",
          "example",
          "examples",
          "source",
          "sources",
          "link",
          "links",
          "resources",
          "topics",
          "keywords",
          "tags",
          "credits",
          "sponsor",
          "sponsors",
          "music",
          "timestamps",
          "agenda",
          "ps",
          "p.s.",
          "reminder",
          "spoiler",
          "bonus",
          "takeaway",
          "takeaways",
          "references",
          "see",
          "via",
          "date",
          "time",
          "location",
          "title",
          "subject",
          "re");
  private static final Set<String> PROSE_WORDS =
      Set.of(
          "the",
          "a",
          "an",
          "this",
          "that",
          "these",
          "those",
          "here",
          "there",
          "it",
          "its",
          "it's",
          "my",
          "our",
          "your",
          "his",
          "her",
          "their",
          "we",
          "i",
          "you",
          "he",
          "she",
          "they",
          "what",
          "why",
          "how",
          "when",
          "where",
          "which",
          "and",
          "but",
          "or",
          "so",
          "now",
          "well",
          "yes",
          "no",
          "yeah",
          "right",
          "okay",
          "ok",
          "look",
          "listen",
          "remember",
          "actually",
          "basically",
          "honestly",
          "anyway",
          "first",
          "second",
          "third",
          "finally",
          "also",
          "plus",
          "one",
          "two",
          "three",
          "key",
          "bottom",
          "quick",
          "fun",
          "then",
          "if",
          "because",
          "for",
          "in",
          "on",
          "at",
          "to",
          "with",
          "as",
          "all",
          "some",
          "every",
          "each",
          "let's");
  private static final Set<String> PARTICLES =
      Set.of(
          "de", "da", "del", "della", "der", "den", "di", "du", "van", "von", "la", "le", "bin",
          "ibn", "al", "el", "y", "dos", "das", "ter", "ten", "of", "the", "and", "st.");

  public static NameShape of(String name) {
    String[] words = name.strip().split("\\s+");
    if (name.isBlank() || words.length > MAX_WORDS || name.length() > 60) {
      return NONE;
    }
    String first = words[0].toLowerCase(Locale.ROOT);
    if (SECTION_WORDS.contains(first) || SECTION_WORDS.contains(first.replaceAll("[.:]+$", ""))) {
      return NONE;
    }
    if (isUncased(name)) {
      return name.replaceAll("\\s", "").length() <= 12 ? UNCASED : NONE;
    }
    if (!name.chars().anyMatch(Character::isLowerCase)
        && name.chars().anyMatch(Character::isLetter)) {
      return words[0].chars().anyMatch(Character::isLetter) ? ALL_CAPS : NONE;
    }
    if (PROSE_WORDS.contains(first)) {
      return NONE;
    }
    if (words.length == 1 && isLowercaseWord(words[0])) {
      return LOWERCASE;
    }
    if (!isCapitalised(words[0])) {
      return NONE;
    }
    for (int i = 1; i < words.length; i++) {
      String word = words[i];
      boolean fits =
          isCapitalised(word)
              || word.chars().allMatch(Character::isDigit)
              || PARTICLES.contains(word.toLowerCase(Locale.ROOT)) && !isCapitalised(word);
      if (!fits) {
        return NONE;
      }
    }
    return CAPITALISED;
  }

  private static boolean isCapitalised(String word) {
    int first = word.codePointAt(0);
    return (Character.isUpperCase(first) || Character.isTitleCase(first))
        && word.codePoints()
            .allMatch(
                c ->
                    Character.isLetterOrDigit(c)
                        || "'’.-_".indexOf(c) >= 0
                        || Character.getType(c) == Character.NON_SPACING_MARK);
  }

  private static boolean isLowercaseWord(String word) {
    return word.length() <= 30
        && Character.isLowerCase(word.codePointAt(0))
        && word.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || "_.-".indexOf(c) >= 0);
  }

  private static boolean isUncased(String name) {
    boolean letters = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetter(c)) {
        if (Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c)) {
          return false;
        }
        letters = true;
      } else if (!Character.isWhitespace(c)
          && "·・".indexOf(c) < 0
          && Character.getType(c) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    return letters;
  }
}
