package dev.beliefs.parse.text;

import dev.beliefs.parse.encoding.TranscriptText;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a decoded transcript one at a time, so that a large file is never held twice as an
 * array of lines. Text from {@link TranscriptText} ends its lines with LF only.
 */
public final class Lines implements Iterable<String> {

  private final String text;

  private Lines(String text) {
    this.text = text;
  }

  public static Lines of(String text) {
    return new Lines(text);
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next <= text.length() && !(next == text.length() && text.endsWith("\n"));
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int end = text.indexOf('\n', next);
        if (end < 0) {
          end = text.length();
        }
        String line = text.substring(next, end);
        next = end + 1;
        return line;
      }
    };
  }
}
