package dev.beliefs.incremental;

import dev.beliefs.json.Json;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The settings that decide what a transcript's beliefs are, beside its content: results obtained
 * under other settings are not results of this run. Everything else (workers, runner, limits,
 * budget) changes how a run goes, not what it finds.
 *
 * @param model the model asked, or the offline extractor's name
 * @param levels window sizes in utterances
 * @param minChunkWords windows with fewer words are not sent
 * @param promptVersion the version of the system prompt and answer schema
 * @param seed the seed sent with every request
 * @param maxTokens {@code max_tokens} of each answer
 */
public record ExtractionSettings(
    String model,
    List<Integer> levels,
    int minChunkWords,
    String promptVersion,
    long seed,
    int maxTokens)
    implements Serializable {

  public ExtractionSettings {
    levels = List.copyOf(levels);
  }

  /** Hex SHA-256 of these settings as JSON: equal settings, equal fingerprints. */
  public String fingerprint() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(Json.line(this).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
