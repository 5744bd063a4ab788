package dev.beliefs.pipeline;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run over every format sample, both conversations and one file of each kind of hostile input
 * (a symbolic-link loop and two files with one id among them): the hostile files that cannot be
 * read each become one parse failure, and every other file, including the extreme but readable
 * ones, gets its beliefs.
 */
class MixedFormatsExtractTest {

  private static final long MAX_BYTES = 200_000;

  @TempDir Path temp;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void everyFormatAndEveryHostileInput_inOneRun_exitThree() throws Exception {
    Path in = Files.createDirectories(temp.resolve("in"));
    List<String> readable = copySamplesAndConversations(in);
    readable.addAll(writeExtremeButReadableFiles(in));
    Map<String, String> unreadable = writeUnreadableFiles(in);
    Path out = temp.resolve("out");

    int exit =
        new ExtractCommand(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                () -> null)
            .run(
                new String[] {
                  "--input=" + in + "/**",
                  "--output=" + out,
                  "--maxTranscriptBytes=" + MAX_BYTES,
                  // The Podcasting 2.0 example holds 5 words: its chunks must not be skipped.
                  "--minChunkWords=1"
                });

    assertEquals(ExitCode.SOME_FAILED, exit, stderr.toString());
    Map<String, String> failures = new TreeMap<>();
    for (JsonNode failure : TestFiles.jsonLines(out.resolve("failures/failures.jsonl"))) {
      assertEquals("parse", failure.get("stage").asText(), failure.toString());
      assertTrue(failure.get("detail").asText().length() > 20, failure.toString());
      failures.put(
          Path.of(failure.get("source").asText()).getFileName().toString(),
          failure.get("reason").asText());
    }
    assertEquals(new TreeMap<>(unreadable), failures);
    for (String file : readable) {
      Path beliefs = out.resolve("beliefs/" + file.substring(0, file.lastIndexOf('.')) + ".jsonl");
      assertTrue(Files.exists(beliefs), "no beliefs for " + file);
    }
    for (String file :
        List.of(
            "nasa-hwhap-ep218.txt",
            "webvtt_deepgram_captions_tool_output_spacewalk.vtt",
            "whisper_timestamped_json_output_spacewalk.json",
            "bom-crlf.vtt",
            "long-utterance.json",
            "one-speaker.srt",
            "many-speakers.vtt")) {
      Path beliefs = out.resolve("beliefs/" + file.substring(0, file.lastIndexOf('.')) + ".jsonl");
      assertFalse(TestFiles.jsonLines(beliefs).isEmpty(), "no belief found in " + file);
    }
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(readable.size(), summary.get("transcripts").asInt());
    assertEquals(unreadable.size(), summary.get("transcripts_failed").asInt());
    assertEquals(0, summary.get("chunks_failed").asInt());
  }

  private static List<String> copySamplesAndConversations(Path in) throws IOException {
    Path testdata = TestFiles.projectRoot().resolve("testdata/transcripts");
    List<String> copied = new ArrayList<>();
    for (String folder : List.of("formats", "conversations")) {
      try (Stream<Path> files = Files.list(testdata.resolve(folder))) {
        for (Path file : files.sorted().toList()) {
          Files.copy(file, in.resolve(file.getFileName()));
          copied.add(file.getFileName().toString());
        }
      }
    }
    assertEquals(22, copied.size(), copied.toString());
    return copied;
  }

  /** Files at the edges that must still be read: each holds a belief the offline rules find. */
  private static List<String> writeExtremeButReadableFiles(Path in) throws IOException {
    Files.write(
        in.resolve("bom-crlf.vtt"),
        ("\uFEFFWEBVTT\r\n\r\n00:00:01.000 --> 00:00:04.000\r\n<v Ann>I think the launch will"
                + " slip to next year.\r\n\r\n00:00:04.000 --> 00:00:06.000\r\n<v Bob>Maybe so.\r\n")
            .getBytes(StandardCharsets.UTF_8));
    String monologue =
        "I think the orbit is really stable and we will go on. ".repeat(2_200).strip();
    Files.writeString(
        in.resolve("long-utterance.json"),
        "{\"segments\": [{\"start\": 0, \"end\": 600, \"text\": \"" + monologue + "\"}]}");
    StringBuilder oneSpeaker = new StringBuilder();
    StringBuilder manySpeakers = new StringBuilder("WEBVTT\n\n");
    for (int i = 0; i < 500; i++) {
      String timing = time(i) + " --> " + time(i + 1);
      oneSpeaker.append(i + 1).append('\n').append(timing.replace('.', ',')).append('\n');
      oneSpeaker.append("I think part ").append(i).append(" of the plan is really good.\n\n");
      manySpeakers.append(timing).append("\n<v Guest ").append(i).append('>');
      manySpeakers
          .append("I think idea ")
          .append(i)
          .append(" is important and deserves a hearing.\n\n");
    }
    Files.writeString(in.resolve("one-speaker.srt"), oneSpeaker);
    Files.writeString(in.resolve("many-speakers.vtt"), manySpeakers);
    Files.write(
        in.resolve("utf16.txt"),
        "\uFEFFAnn: I think the launch will slip.\r\nBob: Maybe so.\r\n"
            .getBytes(StandardCharsets.UTF_16LE));
    Files.writeString(in.resolve("twice.md"), "Ann: I think the launch will slip.\n");
    Files.createSymbolicLink(in.resolve("loop"), in);
    return new ArrayList<>(
        List.of(
            "bom-crlf.vtt",
            "long-utterance.json",
            "one-speaker.srt",
            "many-speakers.vtt",
            "utf16.txt",
            "twice.md"));
  }

  /** One file of each kind the job cannot read, and the reason its failure record must give. */
  private static Map<String, String> writeUnreadableFiles(Path in) throws IOException {
    Files.write(in.resolve("empty.txt"), new byte[0]);
    Files.writeString(in.resolve("whitespace.vtt"), " \n\t\r\n  ");
    Files.write(in.resolve("binary.json"), new byte[] {'{', '"', 0, 1, 2, (byte) 0xFF});
    Files.write(
        in.resolve("latin1.srt"),
        "1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9.\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(in.resolve("too-large.txt"), "Ann: I think so.\n".repeat(15_000));
    Files.writeString(
        in.resolve("truncated.json"),
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"I thi");
    Files.writeString(in.resolve("wrong-shape.json"), "{\"transcript\": {\"lines\": [\"hi\"]}}");
    Files.writeString(in.resolve("deep.json"), "[".repeat(10_000) + "]".repeat(10_000));
    Files.write(in.resolve("utf32.txt"), new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'A'});
    Files.writeString(in.resolve("twice.txt"), "Ann: I think the launch will slip.\n");
    Files.writeString(
        in.resolve("broken-timestamps.vtt"),
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>I think so.\n\n00:00:0x --> 00:00:03.000\n"
            + "<v B>No.\n");
    return Map.ofEntries(
        Map.entry("empty.txt", "empty"),
        Map.entry("whitespace.vtt", "empty"),
        Map.entry("binary.json", "binary"),
        Map.entry("latin1.srt", "invalid_utf8"),
        Map.entry("too-large.txt", "too_large"),
        Map.entry("truncated.json", "invalid_json"),
        Map.entry("wrong-shape.json", "wrong_shape"),
        Map.entry("deep.json", "invalid_json"),
        Map.entry("broken-timestamps.vtt", "bad_timestamp"),
        Map.entry("utf32.txt", "encoding"),
        Map.entry("twice.txt", "duplicate_id"));
  }

  private static String time(int seconds) {
    return String.format("00:%02d:%02d.000", seconds / 60, seconds % 60);
  }
}
