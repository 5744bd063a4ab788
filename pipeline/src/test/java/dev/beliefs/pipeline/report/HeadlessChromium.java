package dev.beliefs.pipeline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, loading a page and reporting its DOM and console messages. Started
 * with the flags this machine's closed network needs (no background networking, no component
 * updates) and a fresh profile.
 */
final class HeadlessChromium {

  record Page(String dom, List<String> consoleMessages) {}

  static Path binary() {
    Path binary = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
    }
    return binary;
  }

  static Page load(Path file, Path scratch) throws IOException, InterruptedException {
    return load(file.toUri().toString(), scratch);
  }

  /** Loads {@code url}, a file's address with a {@code #...} part, say. */
  static Page load(String url, Path scratch) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path stderr = scratch.resolve("chromium.err");
    Path stdout = scratch.resolve("chromium.out");
    Process chromium =
        new ProcessBuilder(
                binary().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + scratch.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                url)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 90 s");
    }
    List<String> console =
        Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains(":CONSOLE") || line.contains("Uncaught"))
            .toList();
    return new Page(Files.readString(stdout, StandardCharsets.UTF_8), console);
  }
}
