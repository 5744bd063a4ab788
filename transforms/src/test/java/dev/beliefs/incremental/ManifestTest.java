package dev.beliefs.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  static final ExtractionSettings SETTINGS =
      new ExtractionSettings("gpt-4o-mini", List.of(1, 5), 8, "extract-beliefs.v1", 42L, 1500);

  @TempDir Path out;

  static Transcript transcript(String id, String sha) {
    return new Transcript(
        id,
        "s3://b/in/" + id + ".txt",
        sha,
        "text",
        List.of(new Utterance(0, "A", null, null, "x")));
  }

  static Manifest manifest(String id, String sha, String fingerprint) {
    return new Manifest(
        id, "s3://b/in/" + id + ".txt", sha, fingerprint, SETTINGS, 3, "2026-01-01T00:00:00Z");
  }

  @Test
  void sameContentUnderTheSameSettings_isDone() {
    assertTrue(
        Manifest.covers(
            manifest("ep1", "aa", SETTINGS.fingerprint()),
            transcript("ep1", "aa"),
            SETTINGS.fingerprint()));
  }

  @Test
  void noManifestChangedContentOtherSettingsOrAnotherTranscript_areNotDone() {
    String fingerprint = SETTINGS.fingerprint();

    assertFalse(Manifest.covers(null, transcript("ep1", "aa"), fingerprint));
    assertFalse(
        Manifest.covers(manifest("ep1", "aa", fingerprint), transcript("ep1", "bb"), fingerprint));
    assertFalse(
        Manifest.covers(
            manifest("ep1", "aa", "0123"), transcript("ep1", "aa"), SETTINGS.fingerprint()));
    assertFalse(
        Manifest.covers(manifest("ep1", "aa", fingerprint), transcript("ep2", "aa"), fingerprint));
    assertFalse(Manifest.covers(manifest("ep1", null, null), transcript("ep1", "aa"), fingerprint));
  }

  @Test
  void everyExtractionSetting_changesTheFingerprint() {
    String base = SETTINGS.fingerprint();

    assertEquals(
        base,
        new ExtractionSettings("gpt-4o-mini", List.of(1, 5), 8, "extract-beliefs.v1", 42L, 1500)
            .fingerprint());
    for (ExtractionSettings other :
        List.of(
            new ExtractionSettings("gpt-4o", List.of(1, 5), 8, "extract-beliefs.v1", 42L, 1500),
            new ExtractionSettings(
                "gpt-4o-mini", List.of(1, 15), 8, "extract-beliefs.v1", 42L, 1500),
            new ExtractionSettings(
                "gpt-4o-mini", List.of(1, 5), 20, "extract-beliefs.v1", 42L, 1500),
            new ExtractionSettings(
                "gpt-4o-mini", List.of(1, 5), 8, "extract-beliefs.v2", 42L, 1500),
            new ExtractionSettings(
                "gpt-4o-mini", List.of(1, 5), 8, "extract-beliefs.v1", 43L, 1500),
            new ExtractionSettings(
                "gpt-4o-mini", List.of(1, 5), 8, "extract-beliefs.v1", 42L, 3000))) {
      assertNotEquals(base, other.fingerprint(), other.toString());
    }
  }

  @Test
  void writtenManifest_readsBack_underTheTranscriptsFileName() throws IOException {
    Manifest written = manifest("2021/ep1", "aa", SETTINGS.fingerprint());

    written.write(out.toString());

    assertTrue(Files.isRegularFile(out.resolve("manifest/2021__ep1.json")));
    assertEquals(Optional.of(written), Manifest.read(out.toString(), "2021/ep1"));
    assertEquals(Optional.empty(), Manifest.read(out.toString(), "ep2"));
  }

  @Test
  void unreadableManifest_isAnError() throws IOException {
    Files.createDirectories(out.resolve("manifest"));
    Files.writeString(out.resolve("manifest/ep1.json"), "{\"transcript_id\": \"ep");

    assertThrows(IOException.class, () -> Manifest.read(out.toString(), "ep1"));
  }
}
