package dev.beliefs.parse.utterances;

import dev.beliefs.model.Words;
import dev.beliefs.parse.TranscriptParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A first look at all the pieces of a file: which speakers it names (two are enough to know it has
 * turns; speech before the first name counts as a speaker of its own only in {@link SpeakerTurns})
 * and whether its words are punctuated into sentences (at least one sentence end per {@value
 * #WORDS_PER_SENTENCE_END} words), as YouTube's older automatic captions are not.
 */
final class PieceSurvey {

  private static final int WORDS_PER_SENTENCE_END = 40;

  private final Set<String> speakers = new LinkedHashSet<>();
  private long words;
  private long sentenceEnds;

  private PieceSurvey() {}

  static PieceSurvey of(SpeechPieces pieces) throws TranscriptParseException {
    PieceSurvey survey = new PieceSurvey();
    pieces.forEach(survey::add);
    return survey;
  }

  private void add(String label, Double start, Double end, String speech) {
    if (label != null && !label.isBlank() && speakers.size() < 2) {
      speakers.add(SpeakerTurns.name(label));
    }
    words += Words.count(speech);
    for (String token : speech.split("\\s+")) {
      if (SentenceEnds.endsSentence(token) || SentenceEnds.splitAfterMarks(token).size() > 1) {
        sentenceEnds++;
      }
    }
  }

  /** The speakers named, at most two. */
  Set<String> speakers() {
    return speakers;
  }

  boolean punctuated() {
    return words > 0 && sentenceEnds * WORDS_PER_SENTENCE_END >= words;
  }
}
