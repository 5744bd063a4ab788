package dev.beliefs.extract.offline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits an utterance into sentences at end punctuation, not after common abbreviations. */
public final class Sentences {

  private static final Pattern SENTENCE_END =
      Pattern.compile(
          "(?<=[.!?…][\"”’)]?)(?<!\\b(?:Dr|Mr|Mrs|Ms|St|vs|etc|Jr|Sr|Prof|No|U\\.S|U\\.K|e\\.g|i\\.e)\\.)\\s+");

  private Sentences() {}

  public static List<String> of(String text) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(text)) {
      if (!sentence.isBlank()) {
        sentences.add(sentence.strip());
      }
    }
    return sentences;
  }
}
