package dev.beliefs.parse;

import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.encoding.TranscriptContent;
import dev.beliefs.parse.utterances.LongUtterances;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Bytes of one file to a {@link Transcript}: decode, pick the format, parse, and split utterances
 * too long for a chunk ({@link LongUtterances}), and check that its times run forward ({@link
 * Timeline}). Whatever the input, it returns a transcript or throws {@link
 * TranscriptParseException}.
 */
public final class TranscriptParser implements Serializable {

  private final @Nullable String forcedFormat;

  /**
   * @param forcedFormat a format name that overrides detection, or null to detect by name and
   *     content
   */
  public TranscriptParser(@Nullable String forcedFormat) {
    if (forcedFormat != null && TranscriptFormats.named(forcedFormat).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown format '" + forcedFormat + "'; known: " + TranscriptFormats.names());
    }
    this.forcedFormat = forcedFormat;
  }

  public Transcript parse(String id, String sourceUri, byte[] bytes)
      throws TranscriptParseException {
    return parse(id, sourceUri, TranscriptContent.of(bytes));
  }

  public Transcript parse(String id, String sourceUri, TranscriptContent content)
      throws TranscriptParseException {
    TranscriptFormat format =
        forcedFormat != null
            ? TranscriptFormats.named(forcedFormat).orElseThrow()
            : TranscriptFormats.detect(fileName(sourceUri), content.text());
    List<Utterance> utterances = LongUtterances.split(format.parse(content.text()));
    Timeline.check(utterances);
    return new Transcript(id, sourceUri, content.sha256(), format.name(), utterances);
  }

  private static String fileName(String sourceUri) {
    return sourceUri.substring(sourceUri.lastIndexOf('/') + 1);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
