package dev.beliefs.extract.grounding;

import dev.beliefs.model.ContentWords;
import dev.beliefs.model.Words;
import java.util.Set;

/**
 * Whether an evidence quote can show a statement, before anyone reads it: the quote must have at
 * least {@value #MIN_QUOTE_WORDS} words (or be the whole utterance, when that is shorter), and the
 * statement must share at least {@value #MIN_SHARED_STEMS} content words ({@link ContentWords})
 * with it, or all of its own if it has fewer. "Aliens built the pyramids" on "Welcome back to the
 * show, everyone" fails both; so does "Vaccines cause autism" on "I think".
 *
 * <p>A lexical link, not a reading: a statement that reuses two of the quote's words with another
 * meaning ("the moon is not made of rock" on "the moon is made of rock") passes. Measured on the 75
 * reference beliefs of {@code testdata/gold}: 74 pass (the one that fails resolves its quote
 * entirely from context); of their statements paired with another quote of the same transcript, 11%
 * pass.
 */
final class StatementSupport {

  static final int MIN_QUOTE_WORDS = 6;
  static final int MIN_SHARED_STEMS = 2;

  private StatementSupport() {}

  /** Long enough to show something: {@value #MIN_QUOTE_WORDS} words, or all the speaker said. */
  static boolean quoteLongEnough(String quote, String utterance) {
    return Words.count(quote) >= MIN_QUOTE_WORDS || Words.count(quote) == Words.count(utterance);
  }

  static boolean supports(String quote, String statement) {
    Set<String> said = ContentWords.stems(quote);
    Set<String> claimed = ContentWords.stems(statement);
    int needed = Math.max(1, Math.min(MIN_SHARED_STEMS, claimed.size()));
    return ContentWords.shared(claimed, said) >= needed;
  }
}
