package dev.beliefs.model;

/** Word counting shared by chunking and reporting: a word is a run of non-whitespace characters. */
public final class Words {

  private Words() {}

  public static int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
