package dev.beliefs.merge;

import dev.beliefs.parse.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Stable belief ids: a hash of the speaker and the statement with case and punctuation folded. */
public final class BeliefIds {

  private BeliefIds() {}

  public static String of(String speaker, String statement) {
    String key = normalise(speaker) + "\n" + normalise(statement);
    return TranscriptParser.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[’']", "")
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
  }
}
