package dev.beliefs.merge;

import dev.beliefs.parse.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stable belief ids: a hash of what anchors a belief's canonical wording (see {@link
 * BeliefClusters}): its speaker, stance and statement (case and punctuation folded), and the
 * utterance and words of its earliest evidence at its lowest level. None of these moves when a
 * higher level is added, a run repeated or the inputs reordered.
 */
public final class BeliefIds {

  private BeliefIds() {}

  static String of(Candidate canonical) {
    return of(
        canonical.speaker,
        canonical.stance,
        canonical.statement,
        canonical.anchor.utteranceIndex(),
        canonical.anchor.quote());
  }

  public static String of(
      String speaker, String stance, String statement, int utteranceIndex, String quote) {
    String key =
        String.join(
            "\n",
            normalise(speaker),
            stance,
            normalise(statement),
            Integer.toString(utteranceIndex),
            normalise(quote));
    return TranscriptParser.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[’']", "")
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
  }
}
