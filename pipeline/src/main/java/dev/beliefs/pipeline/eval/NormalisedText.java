package dev.beliefs.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as the matching rule compares it: lower case, runs of whitespace as one space, markdown
 * backslash escapes ({@code \[}, {@code \*}) removed. Nothing else is folded, so a quote matches
 * only the words the transcript really has.
 */
final class NormalisedText {

  private static final Pattern MARKDOWN_ESCAPE =
      Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!<>|~])");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final String text;

  private NormalisedText(String text) {
    this.text = text;
  }

  static NormalisedText of(String raw) {
    return new NormalisedText(normalise(raw));
  }

  static String normalise(String raw) {
    String unescaped = MARKDOWN_ESCAPE.matcher(raw).replaceAll("$1");
    return WHITESPACE.matcher(unescaped.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** Every place the quote occurs, as {@code [start, end)} character offsets; empty if nowhere. */
  List<Span> spansOf(String quote) {
    String needle = normalise(quote);
    List<Span> spans = new ArrayList<>();
    if (needle.isEmpty()) {
      return spans;
    }
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      spans.add(new Span(at, at + needle.length()));
    }
    return spans;
  }

  /** A stretch of the normalised transcript. */
  record Span(int start, int end) {

    int length() {
      return end - start;
    }

    int overlap(Span other) {
      return Math.max(0, Math.min(end, other.end) - Math.max(start, other.start));
    }

    /** The rule's test: the overlap is at least half the length of the shorter span. */
    boolean overlapsEnough(Span other) {
      int overlap = overlap(other);
      return overlap > 0 && 2 * overlap >= Math.min(length(), other.length());
    }
  }
}
