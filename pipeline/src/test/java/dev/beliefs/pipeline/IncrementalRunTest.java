package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental runs over local paths, with the offline extractor. */
class IncrementalRunTest {

  @TempDir Path temp;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int extract(String... args) {
    return new ExtractCommand(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> null)
        .run(args);
  }

  private JsonNode summary(Path out) throws IOException {
    return Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
  }

  @Test
  void incrementalRuns_skipUnchangedTranscripts_redoChangedOnes_andLogEveryRun() throws Exception {
    Path in = Files.createDirectories(temp.resolve("in"));
    Path nasa = in.resolve("nasa.txt");
    Files.copy(ExtractCommandTest.samples().resolve("nasa-hwhap-ep218.txt"), nasa);
    Path out = temp.resolve("out");
    String[] args = {"--input=" + in + "/*.txt", "--output=" + out, "--incremental"};

    assertEquals(ExitCode.OK, extract(args), stderr.toString());
    byte[] first = Files.readAllBytes(out.resolve("beliefs/nasa.jsonl"));
    long chunks = summary(out).get("chunks").asLong();
    JsonNode manifest = Json.MAPPER.readTree(out.resolve("manifest/nasa.json").toFile());
    assertEquals("nasa", manifest.get("transcript_id").asText());
    assertTrue(first.length > 0);
    assertEquals(
        TestFiles.jsonLines(out.resolve("beliefs/nasa.jsonl")).size(),
        manifest.get("beliefs").asInt());

    assertEquals(ExitCode.OK, extract(args), stderr.toString());
    assertEquals(1, summary(out).get("transcripts_skipped").asLong());
    assertEquals(0, summary(out).get("chunks").asLong());
    assertArrayEquals(first, Files.readAllBytes(out.resolve("beliefs/nasa.jsonl")));

    Files.writeString(
        nasa,
        "\nGary Jordan: I think this episode is the best one we ever made, honestly.\n",
        StandardOpenOption.APPEND);
    assertEquals(ExitCode.OK, extract(args), stderr.toString());
    assertEquals(0, summary(out).get("transcripts_skipped").asLong());
    // One utterance more: one level-1 window more; the last level-5 window only grows.
    assertEquals(chunks + 1, summary(out).get("chunks").asLong());
    assertFalse(
        manifest
            .get("content_sha256")
            .equals(
                Json.MAPPER
                    .readTree(out.resolve("manifest/nasa.json").toFile())
                    .get("content_sha256")),
        "the manifest follows the new content");

    List<String> runs = Files.readAllLines(out.resolve("runs.jsonl"));
    assertEquals(3, runs.size());
    assertEquals(1, Json.MAPPER.readTree(runs.get(1)).get("transcripts_skipped").asInt());
  }

  @Test
  void localInput_isNotIncrementalByDefault_andOtherSettingsAreNotSkipped() throws Exception {
    Path out = temp.resolve("out");
    String input = "--input=" + ExtractCommandTest.samples() + "/*.txt";
    assertEquals(ExitCode.OK, extract(input, "--output=" + out, "--incremental"));

    assertEquals(ExitCode.OK, extract(input, "--output=" + out));
    assertEquals(0, summary(out).get("transcripts_skipped").asLong());

    assertEquals(ExitCode.OK, extract(input, "--output=" + out, "--incremental", "--levels=1,3"));
    assertEquals(0, summary(out).get("transcripts_skipped").asLong());
  }
}
