package dev.beliefs.parse.utterances;

import dev.beliefs.model.Utterance;
import dev.beliefs.model.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Builds utterances from the pieces a tool cuts speech into (caption cues, segments, paragraphs,
 * words), in order:
 *
 * <ul>
 *   <li>Consecutive pieces of one speaker become one utterance, from the first piece's start to the
 *       latest end, so that a turn reads as the speaker said it.
 *   <li>A piece without a speaker continues the previous speaker; before any speaker is named, and
 *       in files that name none, the speaker is {@value #UNNAMED}.
 *   <li>A bare letter or number, as diarizers label speakers ({@code A}, {@code 0}), becomes {@code
 *       Speaker A}, {@code Speaker 0}; other labels stay as written.
 *   <li>A turn is closed before a piece that would take it past {@link LongUtterances}' limits, so
 *       that a long monologue is cut where the tool cut it and every part keeps precise times.
 * </ul>
 */
public final class SpeakerTurns {

  /** The speaker of speech that no speaker label claims. */
  public static final String UNNAMED = "Speaker";

  private static final Pattern BARE_LABEL = Pattern.compile("\\p{L}|\\d{1,6}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<Utterance> utterances = new ArrayList<>();
  private @Nullable String currentSpeaker;
  private @Nullable Turn turn;

  /**
   * @param label the piece's speaker as the file names it, or null when it names none
   * @param speech the piece's words; pieces that are empty once whitespace is collapsed are skipped
   */
  void add(@Nullable String label, @Nullable Double start, @Nullable Double end, String speech) {
    if (label != null && !label.isBlank()) {
      currentSpeaker = name(label);
    }
    String words = collapseWhitespace(speech);
    if (words.isEmpty()) {
      return;
    }
    String speaker = currentSpeaker == null ? UNNAMED : currentSpeaker;
    if (turn != null && !(turn.speaker.equals(speaker) && turn.fits(words))) {
      close();
    }
    if (turn == null) {
      turn = new Turn(speaker, start);
    }
    turn.append(words, end);
  }

  boolean isEmpty() {
    return utterances.isEmpty() && turn == null;
  }

  List<Utterance> utterances() {
    close();
    return utterances;
  }

  static String name(String label) {
    String name = collapseWhitespace(label);
    return BARE_LABEL.matcher(name).matches() ? "Speaker " + name : name;
  }

  public static String collapseWhitespace(String text) {
    return isCollapsed(text) ? text : WHITESPACE.matcher(text).replaceAll(" ").strip();
  }

  /** Whether the text has no whitespace at its ends and none but single spaces inside. */
  private static boolean isCollapsed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (space && (c != ' ' || i == 0 || i == text.length() - 1 || text.charAt(i + 1) == ' ')) {
        return false;
      }
    }
    return true;
  }

  private void close() {
    if (turn != null) {
      utterances.add(
          new Utterance(
              utterances.size(), turn.speaker, turn.start, turn.end, turn.text.toString()));
      turn = null;
    }
  }

  private static final class Turn {
    final String speaker;
    final @Nullable Double start;
    @Nullable Double end;
    final StringBuilder text = new StringBuilder();
    int words;

    Turn(String speaker, @Nullable Double start) {
      this.speaker = speaker;
      this.start = start;
    }

    boolean fits(String more) {
      return LongUtterances.fits(words + Words.count(more), text.length() + 1 + more.length());
    }

    void append(String more, @Nullable Double pieceEnd) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(more);
      words += Words.count(more);
      if (pieceEnd != null && (end == null || pieceEnd > end)) {
        end = pieceEnd;
      }
    }
  }
}
