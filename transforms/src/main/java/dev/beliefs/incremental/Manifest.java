package dev.beliefs.incremental;

import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DIR/manifest/<transcript id>.json}: the record that a transcript's beliefs file holds the
 * complete results of this content under these settings. Written after the beliefs file, and only
 * when every chunk of the transcript succeeded; so a manifest never claims more than the output
 * holds, and a transcript without one is simply done again.
 *
 * @param transcriptId the transcript's id
 * @param source where it was read from
 * @param contentSha256 hex SHA-256 of the file's bytes
 * @param settingsFingerprint {@link ExtractionSettings#fingerprint()} of the run that wrote it
 * @param settings those settings, for a person reading the file
 * @param beliefs merged beliefs in the beliefs file
 * @param completedAt when the manifest was written, ISO-8601
 */
@DefaultCoder(JsonCoder.class)
public record Manifest(
    String transcriptId,
    String source,
    String contentSha256,
    String settingsFingerprint,
    ExtractionSettings settings,
    long beliefs,
    String completedAt)
    implements Serializable {

  public static String fileName(String transcriptId) {
    return "manifest/" + transcriptId.replace("/", "__") + ".json";
  }

  /**
   * Whether {@code transcript} needs no work: this manifest is of the same content under settings
   * with the same fingerprint.
   */
  public static boolean covers(
      @Nullable Manifest manifest, Transcript transcript, String settingsFingerprint) {
    return manifest != null
        && transcript.id().equals(manifest.transcriptId())
        && transcript.contentSha256().equals(manifest.contentSha256())
        && settingsFingerprint.equals(manifest.settingsFingerprint());
  }

  /**
   * The manifest of {@code transcriptId} under {@code outputDir}; empty when there is none.
   *
   * @throws IOException when it is there but cannot be read or is not a manifest
   */
  public static Optional<Manifest> read(String outputDir, String transcriptId) throws IOException {
    ResourceId file = OutputFiles.resolve(outputDir, fileName(transcriptId));
    MatchResult match =
        FileSystems.match(List.of(file.toString()), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.NOT_FOUND || match.metadata().isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      return Optional.of(Json.MAPPER.readValue(in, Manifest.class));
    }
  }

  public void write(String outputDir) throws IOException {
    OutputFiles.write(OutputFiles.resolve(outputDir, fileName(transcriptId)), Json.pretty(this));
  }
}
