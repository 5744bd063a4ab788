package dev.beliefs.parse.text;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in a plain-text transcript is not speech, besides speaker labels:
 *
 * <ul>
 *   <li>Markdown headings and rules;
 *   <li>headings in capitals, in a file whose speech is in mixed case: a line without lowercase
 *       letters that does not end like a sentence ({@code ORAL ARGUMENT OF ROBERT A. LONG}, {@code
 *       ON BEHALF OF THE PETITIONERS}); {@code NO WAY!} is speech;
 *   <li>a line that is wholly one bracketed or parenthesised note ({@code [EXCERPT ENDS]}, {@code
 *       (Whereupon, the case was submitted.)});
 *   <li>inside a line, sounds in brackets ({@code [ Music]}, {@code \[laughter\]}, {@link
 *       NonSpeechCues}), timestamps, notes in capitals of two words or more ({@code [EXCERPT ENDS
 *       AT 12:04]}) and editor's notes ({@code [Editor's note: ...]}). Other brackets, such as an
 *       editor's {@code [Space Center]}, are speech and stay as written.
 * </ul>
 */
public final class TextNotes {

  private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6}\\s.*|[-*_]{3,})$");
  private static final Pattern WHOLE_NOTE =
      Pattern.compile("^(?:\\\\?\\[[^\\[\\]]*\\\\?\\]|\\([^()]*\\))$");
  private static final Pattern BRACKETED =
      Pattern.compile("\\\\?\\[([^\\]\\n]{0,200}?)\\\\?\\]|\\(([^()\\n]{0,200})\\)");
  private static final Pattern TIMESTAMP =
      Pattern.compile("(?:\\d{1,2}:)?\\d{1,3}:\\d{2}(?:[.,]\\d{1,3})?");
  private static final Pattern EDITOR =
      Pattern.compile("(?i)^(?:editor'?s? note|ed\\. note|ed\\.:).*");

  private TextNotes() {}

  public static boolean isMarkdownHeading(String line) {
    return MARKDOWN_HEADING.matcher(line).matches();
  }

  /** Whether a stripped line without a speaker label is a heading or a note, not speech. */
  public static boolean isNotSpeech(String line, boolean mixedCase) {
    return isMarkdownHeading(line)
        || WHOLE_NOTE.matcher(line).matches()
        || (mixedCase && isCapitalsHeading(line));
  }

  /** The speech with sounds, timestamps and notes removed, whitespace not yet collapsed. */
  public static String withoutNotes(String speech) {
    if (speech.indexOf('[') < 0 && speech.indexOf('(') < 0) {
      return speech;
    }
    return BRACKETED.matcher(speech).replaceAll(TextNotes::keepUnlessNote);
  }

  private static boolean isCapitalsHeading(String line) {
    int letters = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letters += Character.isLetter(c) ? 1 : 0;
    }
    char last = line.charAt(line.length() - 1);
    return letters >= 3 && ".!?…\"”'’".indexOf(last) < 0;
  }

  private static String keepUnlessNote(MatchResult bracketed) {
    boolean square = bracketed.group(1) != null;
    String inside = (square ? bracketed.group(1) : bracketed.group(2)).strip();
    boolean note =
        NonSpeechCues.isCue(inside)
            || (square && TIMESTAMP.matcher(inside).matches())
            || EDITOR.matcher(inside).matches()
            || isCapitalsNote(inside);
    return note ? " " : Matcher.quoteReplacement(bracketed.group());
  }

  /** {@code EXCERPT ENDS}, but not {@code NASA}: two words or more, no lowercase letter. */
  private static boolean isCapitalsNote(String inside) {
    return inside.contains(" ")
        && inside.chars().noneMatch(Character::isLowerCase)
        && inside.chars().filter(Character::isLetter).count() >= 4;
  }
}
