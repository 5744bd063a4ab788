package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that publishes one episode in several formats ({@code a.txt} beside {@code a.md}, {@code
 * ep.vtt} beside {@code ep.srt}): one file keeps each id by the fixed extension order, the other
 * becomes a {@code duplicate_id} failure, and two runs write the same outputs.
 */
class DuplicateIdsExtractTest {

  @TempDir Path temp;

  @Test
  void filesSharingAnId_oneIsReadByTheDocumentedRule_identicallyOnTwoRuns() throws Exception {
    Path in = Files.createDirectories(temp.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "Ann: I think the plain text is right.\n");
    Files.writeString(in.resolve("a.md"), "Ann: I think the markdown is right.\n");
    Files.writeString(
        in.resolve("ep.vtt"),
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Bo>I think the captions are right.\n");
    Files.writeString(
        in.resolve("ep.srt"),
        "1\n00:00:01,000 --> 00:00:04,000\nI think the subtitles are right.\n");

    Map<String, String> first = run(in, temp.resolve("out1"));
    Map<String, String> second = run(in, temp.resolve("out2"));

    assertEquals(first, second);
    assertEquals(
        List.of("beliefs/a.jsonl", "beliefs/ep.jsonl"),
        first.keySet().stream().filter(file -> file.startsWith("beliefs/")).toList());
    assertEquals(true, first.get("beliefs/a.jsonl").contains("markdown is right"));
    assertEquals(true, first.get("beliefs/ep.jsonl").contains("captions are right"));
    Map<String, String> failures = new TreeMap<>();
    for (JsonNode failure : TestFiles.jsonLines(temp.resolve("out1/failures/failures.jsonl"))) {
      failures.put(
          Path.of(failure.get("source").asText()).getFileName().toString(),
          failure.get("reason").asText());
    }
    assertEquals(Map.of("a.txt", "duplicate_id", "ep.srt", "duplicate_id"), failures);
  }

  /** Runs the job and returns its beliefs and failures files by relative path. */
  private static Map<String, String> run(Path in, Path out) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new ExtractCommand(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> null)
            .run(new String[] {"--input=" + in + "/*", "--output=" + out, "--minChunkWords=1"});
    assertEquals(ExitCode.SOME_FAILED, exit, err.toString());
    Map<String, String> files = new TreeMap<>();
    for (String dir : List.of("beliefs", "failures")) {
      try (Stream<Path> listed = Files.list(out.resolve(dir))) {
        for (Path file : listed.toList()) {
          List<String> lines = Files.readAllLines(file);
          files.put(
              dir + "/" + file.getFileName(), String.join("\n", lines.stream().sorted().toList()));
        }
      }
    }
    return files;
  }
}
