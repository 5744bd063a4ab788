package dev.beliefs.parse.utterances;

import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Speech of one speaker (or of none) cut into utterances of about one sentence each, so that a
 * level-1 chunk is about one sentence, as for a transcript with turns. An utterance ends:
 *
 * <ul>
 *   <li>at a sentence end ({@link SentenceEnds});
 *   <li>before a piece that starts more than {@value #LONG_PAUSE_SECONDS} s after the previous one
 *       ended;
 *   <li>before a piece once it holds {@value #PUNCTUATED_WORDS} words, or {@value
 *       #UNPUNCTUATED_WORDS} in text with few sentence ends (older automatic captions);
 *   <li>after {@value #MAX_WORDS} words in any case, between two words;
 *   <li>when the speaker changes: speech before the first named piece is {@value
 *       SpeakerTurns#UNNAMED}'s, as in {@link SpeakerTurns}.
 * </ul>
 *
 * The text is the pieces' words joined by single spaces, so a quote from it is verbatim. An
 * utterance starts when the piece holding its first word starts and ends when the piece holding its
 * last word ends: the closest times the file gives.
 */
final class SentenceUtterances {

  static final double LONG_PAUSE_SECONDS = 1.5;
  static final int UNPUNCTUATED_WORDS = 15;
  static final int PUNCTUATED_WORDS = 60;
  static final int MAX_WORDS = 100;

  private final boolean punctuated;
  private final List<Utterance> utterances = new ArrayList<>();
  private String speaker = SpeakerTurns.UNNAMED;
  private String currentSpeaker = SpeakerTurns.UNNAMED;
  private final StringBuilder text = new StringBuilder();
  private int words;
  private @Nullable Double start;
  private @Nullable Double end;
  private @Nullable Double previousEnd;

  SentenceUtterances(boolean punctuated) {
    this.punctuated = punctuated;
  }

  /** Adds one piece; a piece without a label continues the previous piece's speaker. */
  void add(
      @Nullable String label,
      @Nullable Double pieceStart,
      @Nullable Double pieceEnd,
      String speech) {
    if (label != null && !label.isBlank()) {
      currentSpeaker = SpeakerTurns.name(label);
    }
    String collapsed = SpeakerTurns.collapseWhitespace(speech);
    if (collapsed.isEmpty()) {
      return;
    }
    boolean paused =
        pieceStart != null && previousEnd != null && pieceStart - previousEnd > LONG_PAUSE_SECONDS;
    if (paused
        || !currentSpeaker.equals(speaker)
        || words >= (punctuated ? PUNCTUATED_WORDS : UNPUNCTUATED_WORDS)) {
      close();
    }
    speaker = currentSpeaker;
    for (String word : collapsed.split(" ")) {
      for (String part : SentenceEnds.splitAfterMarks(word)) {
        append(part, pieceStart, pieceEnd);
        if (SentenceEnds.endsSentence(part) || words >= MAX_WORDS) {
          close();
        }
      }
    }
    if (pieceEnd != null) {
      previousEnd = pieceEnd;
    }
  }

  List<Utterance> utterances() {
    close();
    return utterances;
  }

  private void append(String word, @Nullable Double pieceStart, @Nullable Double pieceEnd) {
    if (text.length() == 0) {
      start = pieceStart;
    } else {
      text.append(' ');
    }
    text.append(word);
    words++;
    if (pieceEnd != null && (end == null || pieceEnd > end)) {
      end = pieceEnd;
    }
  }

  private void close() {
    if (text.length() > 0) {
      utterances.add(new Utterance(utterances.size(), speaker, start, end, text.toString()));
      text.setLength(0);
      words = 0;
      start = null;
      end = null;
    }
  }
}
