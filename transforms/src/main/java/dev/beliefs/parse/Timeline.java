package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a transcript's times never run backwards: every utterance ends no earlier than it
 * starts, and none starts before the one before it. Overlapping speech is fine (a turn may start
 * before the previous one ends). Times that run backwards cannot be trusted for evidence, so the
 * file fails with reason {@code bad_timestamp}, as a broken caption timing does.
 */
final class Timeline {

  private Timeline() {}

  static void check(List<Utterance> utterances) throws TranscriptParseException {
    Double previousStart = null;
    for (Utterance utterance : utterances) {
      Double start = utterance.startSeconds();
      Double end = utterance.endSeconds();
      if (start != null && end != null && end < start) {
        throw backwards(utterance, "ends at " + time(end) + ", before it starts");
      }
      if (start != null && previousStart != null && start < previousStart) {
        throw backwards(
            utterance, "starts before the utterance before it (" + time(previousStart) + ")");
      }
      if (start != null) {
        previousStart = start;
      }
    }
  }

  private static TranscriptParseException backwards(Utterance utterance, String problem) {
    String shown =
        utterance.text().length() > 40
            ? utterance.text().substring(0, 40) + "..."
            : utterance.text();
    return new TranscriptParseException(
        "bad_timestamp",
        "the times run backwards: the speech at "
            + time(utterance.startSeconds())
            + " ('"
            + shown
            + "') "
            + problem
            + "; put the segments in order of time");
  }

  private static String time(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d.%03d",
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        millis % 1000);
  }
}
