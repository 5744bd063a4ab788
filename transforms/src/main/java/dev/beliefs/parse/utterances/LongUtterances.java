package dev.beliefs.parse.utterances;

import dev.beliefs.model.Utterance;
import dev.beliefs.model.Words;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps every utterance small enough for a chunk of several of them to fit a model's context
 * window: at most {@value #MAX_WORDS} words and {@value #MAX_CHARS} characters. A longer utterance
 * (a monologue, a file without speaker turns) is split into several utterances of the same speaker,
 * at sentence ends where there are any, else between words, else, for a "word" longer than the
 * limit, anywhere. The parts carry the whole utterance's start and end, the closest times the file
 * gives for any of them.
 */
public final class LongUtterances {

  public static final int MAX_WORDS = 1_000;
  public static final int MAX_CHARS = 8_000;

  private LongUtterances() {}

  static boolean fits(int words, int chars) {
    return words <= MAX_WORDS && chars <= MAX_CHARS;
  }

  static boolean fits(String text) {
    return text.length() <= MAX_CHARS && Words.count(text) <= MAX_WORDS;
  }

  /** The same utterances with each long one split, indexed again from 0; the input if none is. */
  public static List<Utterance> split(List<Utterance> utterances) {
    if (utterances.stream().allMatch(utterance -> fits(utterance.text()))) {
      return utterances;
    }
    List<Utterance> split = new ArrayList<>();
    for (Utterance utterance : utterances) {
      for (String part : parts(utterance.text())) {
        split.add(
            new Utterance(
                split.size(),
                utterance.speaker(),
                utterance.startSeconds(),
                utterance.endSeconds(),
                part));
      }
    }
    return split;
  }

  /** The text cut into parts that each fit, in order, with whitespace between parts dropped. */
  static List<String> parts(String text) {
    if (fits(text)) {
      return List.of(text);
    }
    Packer packer = new Packer();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(text);
    int start = sentences.first();
    for (int end = sentences.next();
        end != BreakIterator.DONE;
        start = end, end = sentences.next()) {
      String sentence = text.substring(start, end).strip();
      if (fits(sentence)) {
        packer.add(sentence);
      } else {
        for (String word : sentence.split("\\s+")) {
          packer.addWord(word);
        }
      }
    }
    return packer.parts();
  }

  /** Fills parts up to the limits with sentences, or with words where a sentence is too long. */
  private static final class Packer {
    private final List<String> parts = new ArrayList<>();
    private final StringBuilder part = new StringBuilder();
    private int words;

    void add(String piece) {
      if (piece.isEmpty()) {
        return;
      }
      int pieceWords = Words.count(piece);
      int separator = part.length() == 0 ? 0 : 1;
      if (!fits(words + pieceWords, part.length() + separator + piece.length())) {
        flush();
        separator = 0;
      }
      if (separator == 1) {
        part.append(' ');
      }
      part.append(piece);
      words += pieceWords;
    }

    void addWord(String word) {
      int from = 0;
      while (word.length() - from > MAX_CHARS) {
        int to = from + MAX_CHARS;
        if (Character.isHighSurrogate(word.charAt(to - 1))) {
          to--;
        }
        add(word.substring(from, to));
        from = to;
      }
      add(word.substring(from));
    }

    List<String> parts() {
      flush();
      return parts;
    }

    private void flush() {
      if (part.length() > 0) {
        parts.add(part.toString());
        part.setLength(0);
        words = 0;
      }
    }
  }
}
