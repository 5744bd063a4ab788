package dev.beliefs.parse.text;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Text whose turns open with a header line that names the speaker and the start time (Otter's
 * {@code Name 0:03}, Markdown's {@code **Name** (00:00:03):}); the words follow, on the header's
 * line or below, up to the next header. Only headers start turns. Lines before the first header and
 * lines a format skips are not speech.
 */
public final class HeadedTurns {

  /** A header: the speaker (null when the header names none), the start, and words after it. */
  public record Header(@Nullable String speaker, Double start, String rest) {}

  private HeadedTurns() {}

  /**
   * Whether headers start at least {@code 1 / paragraphsPerHeader} of the paragraphs, and there is
   * at least one.
   */
  public static boolean startMostParagraphs(
      String text, Predicate<String> isHeader, int paragraphsPerHeader) {
    int[] headersAndParagraphs = {0, 0};
    Paragraphs.forEachLine(
        text,
        (line, paragraphStart) -> {
          headersAndParagraphs[0] += isHeader.test(line) ? 1 : 0;
          headersAndParagraphs[1] += paragraphStart ? 1 : 0;
        });
    return headersAndParagraphs[0] >= 1
        && headersAndParagraphs[0] * paragraphsPerHeader >= headersAndParagraphs[1];
  }

  /**
   * The utterances of the turns, as {@link SpeechPieces#utterances} makes them.
   *
   * @param header the header a stripped line is, or null
   * @param skipped lines that are not speech
   * @param cleanup what to remove from a turn's words
   */
  public static List<Utterance> utterances(
      String text,
      Function<String, Header> header,
      Predicate<String> skipped,
      UnaryOperator<String> cleanup)
      throws TranscriptParseException {
    SpeechPieces pieces =
        handler -> {
          Header turn = null;
          StringBuilder words = new StringBuilder();
          for (String raw : Lines.of(text)) {
            String line = raw.strip();
            Header next = line.isEmpty() ? null : header.apply(line);
            if (next != null) {
              flush(handler, turn, words, cleanup);
              turn = next;
              line = next.rest();
            }
            if (turn != null && !skipped.test(line)) {
              words.append(line).append('\n');
            }
          }
          flush(handler, turn, words, cleanup);
        };
    List<Utterance> utterances = SpeechPieces.utterances(pieces);
    if (utterances.isEmpty()) {
      throw new TranscriptParseException("no_speech", "the turn headers are followed by no words");
    }
    return utterances;
  }

  private static void flush(
      SpeechPieces.Handler handler,
      @Nullable Header turn,
      StringBuilder words,
      UnaryOperator<String> cleanup)
      throws TranscriptParseException {
    if (turn != null) {
      handler.accept(turn.speaker(), turn.start(), null, cleanup.apply(words.toString()));
    }
    words.setLength(0);
  }
}
