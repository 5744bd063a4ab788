package dev.beliefs.parse.captions;

import dev.beliefs.parse.text.NonSpeechCues;
import dev.beliefs.parse.utterances.SpeakerTurns;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a caption cue without its markup: tags ({@code <c>}, {@code <i>}, {@code <b>},
 * {@code <font>}, word timings such as {@code <00:00:01.350>}, voice spans), SRT's {@code {\an8}}
 * positioning, and sounds ({@code [Music]}, {@code (applause)}, {@code <i>Laughs</i>}). WebVTT's
 * character references ({@code &amp;}, {@code &#8217;} ...) become the characters they stand for.
 */
public final class CaptionText {

  private static final Pattern ITALIC_SPAN =
      Pattern.compile("<i(?:\\.[^>\\n]*)?>([^<\\n]{0,80})</i>");
  private static final Pattern TAG = Pattern.compile("<[^>\\n]*>|\\{\\\\[^}\\n]*\\}");
  private static final Pattern BRACKETED = Pattern.compile("[\\[(]([^\\[\\]()\\n]{0,80})[\\])]");
  private static final Pattern REFERENCE =
      Pattern.compile("&(amp|lt|gt|quot|apos|nbsp|lrm|rlm|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");

  private CaptionText() {}

  public static String clean(String cueText) {
    if (!hasMarkup(cueText)) {
      return SpeakerTurns.collapseWhitespace(cueText);
    }
    String text = ITALIC_SPAN.matcher(cueText).replaceAll(CaptionText::dropIfCue);
    text = TAG.matcher(text).replaceAll("");
    text = BRACKETED.matcher(text).replaceAll(CaptionText::dropIfCue);
    text = REFERENCE.matcher(text).replaceAll(CaptionText::character);
    return SpeakerTurns.collapseWhitespace(text);
  }

  private static boolean hasMarkup(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("<[(&{".indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String dropIfCue(MatchResult span) {
    return NonSpeechCues.isCue(span.group(1)) ? " " : Matcher.quoteReplacement(span.group());
  }

  private static String character(MatchResult reference) {
    String name = reference.group(1);
    String character =
        switch (name) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          case "nbsp" -> " ";
          case "lrm", "rlm" -> "";
          default -> codePoint(name);
        };
    return Matcher.quoteReplacement(character);
  }

  private static String codePoint(String numeric) {
    int codePoint =
        numeric.startsWith("#x") || numeric.startsWith("#X")
            ? Integer.parseInt(numeric.substring(2), 16)
            : Integer.parseInt(numeric.substring(1));
    boolean printable =
        Character.isValidCodePoint(codePoint)
            && !Character.isISOControl(codePoint)
            && Character.getType(codePoint) != Character.SURROGATE;
    return printable ? Character.toString(codePoint) : " ";
  }
}
