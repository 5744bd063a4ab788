package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.formats.LabelledTextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extract command end to end on the DirectRunner with the offline extractor. */
class ExtractCommandTest {

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

  /** The beliefs the offline extractor finds in the NASA sample, once merged. */
  static final int NASA_OFFLINE_BELIEFS = 38;

  static Path samples() {
    return TestFiles.projectRoot().resolve("samples");
  }

  @Test
  void samplesWithNoKey_exitZeroWithGroundedBeliefsEmptyFailuresAndASummaryThatAddsUp()
      throws Exception {
    Path out = temp.resolve("out");

    int exit = extract("--input=" + samples() + "/*.txt", "--output=" + out);

    assertEquals(ExitCode.OK, exit, stderr.toString());
    assertTrue(stderr.toString().contains("offline rule-based extractor"), stderr.toString());
    List<JsonNode> beliefs = TestFiles.jsonLines(out.resolve("beliefs/nasa-hwhap-ep218.jsonl"));
    assertEquals(NASA_OFFLINE_BELIEFS, beliefs.size());
    List<Utterance> utterances =
        new LabelledTextFormat().parse(Files.readString(samples().resolve("nasa-hwhap-ep218.txt")));
    for (JsonNode belief : beliefs) {
      assertEquals("nasa-hwhap-ep218", belief.get("transcript_id").asText());
      for (JsonNode evidence : belief.get("evidence")) {
        Utterance cited = utterances.get(evidence.get("utterance_index").asInt());
        assertEquals(belief.get("speaker").asText(), cited.speaker());
        assertTrue(cited.text().contains(evidence.get("quote").asText()), evidence.toString());
      }
    }
    assertEquals("", Files.readString(out.resolve("failures/failures.jsonl")));

    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(1, summary.get("transcripts").asInt());
    assertEquals(0, summary.get("transcripts_failed").asInt());
    assertEquals(beliefs.size(), summary.get("beliefs").asInt());
    assertEquals(0, summary.get("chunks_failed").asInt());
    assertEquals(0, summary.get("requests").asInt());
    assertEquals(0, summary.get("cost_usd").decimalValue().signum());
    assertEquals("DirectRunner", summary.get("runner").asText());
    assertTrue(summary.get("wall_seconds").asDouble() > 0);
    long chunks = 0;
    long found = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("per_level").fields();
        it.hasNext(); ) {
      JsonNode level = it.next().getValue();
      chunks += level.get("chunks").asLong();
      found += level.get("beliefs").asLong();
    }
    assertEquals(summary.get("chunks").asLong(), chunks);
    assertEquals(summary.get("beliefs_found").asLong(), found);
    // 44 utterances: 44 windows at level 1 and 9 at level 5, some too short to send.
    assertEquals(44 + 9, summary.get("chunks").asLong() + summary.get("chunks_skipped").asLong());
  }

  @Test
  void badFiles_eachBecomeAParseFailureWhileTheRestStillProduceBeliefs_exitThree()
      throws Exception {
    Path in = Files.createDirectories(temp.resolve("in"));
    Files.copy(samples().resolve("nasa-hwhap-ep218.txt"), in.resolve("nasa.txt"));
    Files.write(in.resolve("empty.txt"), new byte[0]);
    Files.write(in.resolve("binary.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1});
    Files.writeString(
        in.resolve("unlabelled.txt"), "We talked for an hour.\nNobody said who spoke.\n");
    Files.write(
        in.resolve("latin1.txt"), "Ana: Caf\u00e9 au lait.".getBytes(StandardCharsets.ISO_8859_1));
    Path out = temp.resolve("out");

    int exit = extract("--input=" + in + "/*", "--output=" + out);

    assertEquals(ExitCode.SOME_FAILED, exit, stderr.toString());
    List<JsonNode> failures = TestFiles.jsonLines(out.resolve("failures/failures.jsonl"));
    List<String> seen = new ArrayList<>();
    for (JsonNode failure : failures) {
      assertEquals("parse", failure.get("stage").asText());
      assertEquals(1, failure.get("attempts").asInt());
      assertTrue(failure.get("detail").asText().length() > 20, failure.toString());
      String file = Path.of(failure.get("source").asText()).getFileName().toString();
      seen.add(file + ":" + failure.get("reason").asText());
    }
    assertEquals(
        List.of(
            "binary.txt:binary",
            "empty.txt:empty",
            "latin1.txt:invalid_utf8",
            "unlabelled.txt:no_speaker_labels"),
        seen.stream().sorted().toList());
    assertEquals(
        NASA_OFFLINE_BELIEFS, TestFiles.jsonLines(out.resolve("beliefs/nasa.jsonl")).size());
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(1, summary.get("transcripts").asInt());
    assertEquals(4, summary.get("transcripts_failed").asInt());
    assertTrue(stderr.toString().contains("failures"), stderr.toString());
  }

  @Test
  void sameInputTwice_givesByteIdenticalBeliefs() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");

    assertEquals(
        ExitCode.OK,
        extract("--input=" + samples() + "/*.txt", "--output=" + first, "--workers=3"));
    assertEquals(
        ExitCode.OK,
        extract("--input=" + samples() + "/*.txt", "--output=" + second, "--workers=1"));

    assertArrayEquals(
        Files.readAllBytes(first.resolve("beliefs/nasa-hwhap-ep218.jsonl")),
        Files.readAllBytes(second.resolve("beliefs/nasa-hwhap-ep218.jsonl")));
  }

  @Test
  void inputMatchingNothing_isAConfigurationError() {
    int exit = extract("--input=" + temp + "/nothing-*.txt", "--output=" + temp.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(stderr.toString().contains("matches no files"), stderr.toString());
    assertEquals(1, stderr.toString().strip().lines().count(), stderr.toString());
  }

  @Test
  void modelWithoutAPrice_isAConfigurationErrorNotASilentZero() {
    int exit =
        extract(
            "--input=" + samples() + "/*.txt",
            "--output=" + temp.resolve("out"),
            "--baseUrl=http://127.0.0.1:9/v1",
            "--model=gpt-9-preview");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(stderr.toString().contains("no price for model 'gpt-9-preview'"), stderr.toString());
  }

  @Test
  void badOptionValues_areConfigurationErrorsNamingTheOption() throws IOException {
    assertEquals(
        ExitCode.BAD_CONFIGURATION,
        extract("--input=" + samples() + "/*.txt", "--output=" + temp, "--levels=5,1"));
    assertTrue(stderr.toString().contains("--levels"), stderr.toString());
    assertEquals(
        ExitCode.BAD_CONFIGURATION,
        extract("--input=" + samples() + "/*.txt", "--output=" + temp, "--workers=0"));
    assertEquals(ExitCode.BAD_CONFIGURATION, extract("--output=" + temp));
    assertEquals(
        ExitCode.BAD_CONFIGURATION,
        extract(
            "--input=" + samples() + "/*.txt",
            "--output=" + temp,
            "--cheapMode",
            "--model=gpt-4o"));
  }
}
