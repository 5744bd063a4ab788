package dev.beliefs.parse.text;

import java.util.regex.Pattern;

/**
 * Words that transcripts and captions put in brackets or italics for sounds rather than speech:
 * {@code [ Music]}, {@code \[laughter\]}, {@code <i>Laughs</i>}, {@code (applause)}. Anything else
 * in brackets, such as an editor's {@code [Space Center]}, is speech and stays.
 */
public final class NonSpeechCues {

  private static final Pattern CUE_WORDS =
      Pattern.compile(
          "(?i)(music|theme music|laughter|laughs?|laughing|chuckles?|applause|crosstalk|cross-talk"
              + "|inaudible|unintelligible|indiscernible|silence|pause|noise|background noise"
              + "|coughs?|sighs?|cheering|cheers|clapping|beep|static|break|intro|outro"
              + "|music (?:plays|playing|fades?)(?: out| in)?|sound effects?|audio cuts out)"
              + "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?\\.?");

  private NonSpeechCues() {}

  /** Whether the text inside a bracket or an italic span names a sound, not words. */
  public static boolean isCue(String inside) {
    return CUE_WORDS.matcher(inside.strip()).matches();
  }
}
