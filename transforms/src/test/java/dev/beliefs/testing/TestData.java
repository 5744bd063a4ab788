package dev.beliefs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real transcripts under {@code testdata/transcripts/}, found from any module's directory. */
public final class TestData {

  private TestData() {}

  public static Path transcripts() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata/transcripts");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "testdata/transcripts not found above " + Path.of("").toAbsolutePath());
  }

  public static Path conversation(String name) {
    return transcripts().resolve("conversations").resolve(name);
  }

  public static Path format(String name) {
    return transcripts().resolve("formats").resolve(name);
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
