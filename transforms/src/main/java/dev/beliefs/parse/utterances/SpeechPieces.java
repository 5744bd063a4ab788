package dev.beliefs.parse.utterances;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The pieces a tool cut speech into (caption cues, segments, paragraphs, words), in file order,
 * each with the speaker the file names for it, if any, and its times. They can be read more than
 * once, so that the whole file decides how they become utterances ({@link #utterances}).
 */
@FunctionalInterface
public interface SpeechPieces {

  /** Hands every piece to {@code handler} in file order. */
  void forEach(Handler handler) throws TranscriptParseException;

  @FunctionalInterface
  interface Handler {
    /**
     * @param label the piece's speaker as the file names it, or null when it names none
     * @param speech the piece's words, whitespace not yet collapsed; may be empty
     */
    void accept(@Nullable String label, @Nullable Double start, @Nullable Double end, String speech)
        throws TranscriptParseException;
  }

  /**
   * The utterances of these pieces; empty when they hold no words. With two or more speakers they
   * are speaker turns ({@link SpeakerTurns}); with one speaker or none, turns would say nothing, so
   * the speech is cut into sentences instead ({@link SentenceUtterances}), of that speaker (or of
   * {@value SpeakerTurns#UNNAMED}).
   */
  static List<Utterance> utterances(SpeechPieces pieces) throws TranscriptParseException {
    PieceSurvey survey = PieceSurvey.of(pieces);
    if (survey.speakers().size() >= 2) {
      SpeakerTurns turns = new SpeakerTurns();
      pieces.forEach(turns::add);
      return turns.utterances();
    }
    SentenceUtterances sentences = new SentenceUtterances(survey.punctuated());
    pieces.forEach(sentences::add);
    return sentences.utterances();
  }
}
