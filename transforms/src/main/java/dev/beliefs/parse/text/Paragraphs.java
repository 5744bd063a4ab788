package dev.beliefs.parse.text;

/**
 * The non-blank lines of a text, stripped, each with whether it starts a paragraph: it is the first
 * line, or follows a blank line or a Markdown heading.
 */
public final class Paragraphs {

  @FunctionalInterface
  public interface LineHandler<E extends Exception> {
    void accept(String line, boolean paragraphStart) throws E;
  }

  private Paragraphs() {}

  public static <E extends Exception> void forEachLine(String text, LineHandler<E> handler)
      throws E {
    boolean afterBlank = true;
    for (String raw : Lines.of(text)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        afterBlank = true;
        continue;
      }
      handler.accept(line, afterBlank);
      afterBlank = TextNotes.isMarkdownHeading(line);
    }
  }
}
