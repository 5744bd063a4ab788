package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several input patterns, and the run line that says what was read. */
class InputsAndRunLineTest {

  @TempDir Path temp;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int extract(String... args) {
    return new ExtractCommand(
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> null)
        .run(args);
  }

  private static void transcript(Path file, String speaker) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        speaker
            + ": I think the launch window opens in March, and I'm convinced we will make it.\n"
            + "Host: I don't think the budget allows a second mission before the next decade.\n"
            + speaker
            + ": In my opinion the heat shield is the hardest part of the whole design work.\n");
  }

  @Test
  void aFolderWithAnUnreadableFile_saysHowManyFilesWereReadAndHowManyWereNot() throws Exception {
    Path in = temp.resolve("in");
    for (String name : List.of("a", "b", "c", "d")) {
      transcript(in.resolve(name + ".txt"), "Speaker " + name.toUpperCase());
    }
    Files.writeString(in.resolve("e.txt"), "");

    int exit = extract("--input=" + in + "/*.txt", "--output=" + temp.resolve("out"));

    assertEquals(ExitCode.SOME_FAILED, exit, stderr.toString());
    String line = stdout.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    assertTrue(line.startsWith("5 files: 4 transcripts read, 1 unreadable; "), line);
    assertTrue(line.endsWith(" -> " + temp.resolve("out") + "/report.html"), line);
  }

  @Test
  void repeatedAndCommaSeparatedPatternsAndBraces_readEachMatchedFileOnce() throws Exception {
    transcript(temp.resolve("shows/one/a.txt"), "Alice");
    transcript(temp.resolve("shows/two/x.txt"), "Xavier");
    transcript(temp.resolve("shows/two/y.txt"), "Yvonne");
    transcript(temp.resolve("shows/two/z.txt"), "Zoe");
    Path out = temp.resolve("out");

    int exit =
        extract(
            "--input=" + temp + "/shows/one/*.txt",
            "--input=" + temp + "/shows/two/{x,y}.txt," + temp + "/shows/one/a.txt",
            "--output=" + out);

    assertEquals(ExitCode.OK, exit, stderr.toString());
    assertEquals(
        new TreeSet<>(List.of("one/a", "two/x", "two/y")), transcriptIds(out.resolve("beliefs")));
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(3, summary.get("transcripts").asInt(), "a.txt, matched twice, is read once");
    assertTrue(
        stdout.toString(StandardCharsets.UTF_8).startsWith("3 files: 3 transcripts read, 0"),
        stdout.toString());
  }

  private static TreeSet<String> transcriptIds(Path beliefs) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(beliefs)) {
      for (Path file : files.toList()) {
        for (JsonNode belief : TestFiles.jsonLines(file)) {
          ids.add(belief.get("transcript_id").asText());
        }
      }
    }
    return ids;
  }
}
