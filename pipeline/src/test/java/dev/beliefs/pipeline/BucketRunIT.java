package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled job over a bucket: transcripts in S3Mock, read as {@code
 * s3://bucket/transcripts/**} and written to {@code s3://bucket/out/} through Beam's FileSystems,
 * the model a fake OpenAI-compatible server that counts requests.
 */
@ExtendWith(S3Mock.Extension.class)
class BucketRunIT {

  private static final String NASA = "nasa-hwhap-ep218";
  private static final String GOTIME = "gotime-150-excerpt";

  @TempDir Path temp;

  private final S3Mock s3;

  BucketRunIT(S3Mock s3) {
    this.s3 = s3;
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run extract(List<String> args, ApiKeySource keys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new ExtractCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                keys)
            .run(args.toArray(String[]::new));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The job over {@code s3://bucket/transcripts/**} into {@code s3://bucket/out/}, asking fake. */
  private Run extractFromBucket(String bucket, FakeOpenAi fake, String... more) {
    List<String> args = new ArrayList<>(s3.beamOptions());
    args.add("--input=s3://" + bucket + "/transcripts/**");
    args.add("--output=s3://" + bucket + "/out/");
    args.add("--baseUrl=" + fake.baseUrl());
    args.add("--model=" + FakeOpenAi.MODEL);
    args.add("--workers=4");
    args.addAll(Arrays.asList(more));
    return extract(args, () -> "sk-test-dummy");
  }

  /** The offline extractor over local copies: the beliefs the fake's answers must lead to. */
  private Path offlineLocally(Path... transcripts) throws IOException {
    Path in = Files.createDirectories(temp.resolve("local-in-" + UUID.randomUUID()));
    for (Path transcript : transcripts) {
      Files.copy(transcript, in.resolve(transcript.getFileName()));
    }
    Path out = temp.resolve("local-out-" + UUID.randomUUID());
    Run run = extract(List.of("--input=" + in + "/**", "--output=" + out), () -> null);
    assertEquals(ExitCode.OK, run.exit(), run.stderr());
    return out;
  }

  private JsonNode summary(String bucket) throws IOException {
    return Json.MAPPER.readTree(s3.get(bucket, "out/run-summary.json"));
  }

  private static String newBucket() {
    return "beliefs-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  private void upload(String bucket, Path transcript) throws IOException {
    s3.put(bucket, "transcripts/" + transcript.getFileName(), Files.readAllBytes(transcript));
  }

  private static Path nasa() {
    return TestFiles.projectRoot().resolve("testdata/transcripts/conversations/" + NASA + ".txt");
  }

  private static Path gotime() {
    return TestFiles.projectRoot().resolve("testdata/transcripts/conversations/" + GOTIME + ".md");
  }

  @Test
  void bucketRun_rerunAsksNothing_andANewTranscriptAsksOnlyForItsOwnChunks() throws Exception {
    String bucket = newBucket();
    s3.createBucket(bucket);
    upload(bucket, nasa());
    Path expected = offlineLocally(nasa(), gotime());

    try (FakeOpenAi fake = new FakeOpenAi()) {
      // First run: every chunk asked once; beliefs as a local run finds them.
      Run first = extractFromBucket(bucket, fake);
      assertEquals(ExitCode.OK, first.exit(), first.stderr());
      JsonNode firstSummary = summary(bucket);
      long nasaChunks = firstSummary.get("chunks").asLong();
      assertTrue(nasaChunks > 20, "chunks: " + nasaChunks);
      assertEquals(nasaChunks, fake.requested().size());
      assertEquals(nasaChunks, new HashSet<>(fake.requested()).size());
      assertEquals(nasaChunks, firstSummary.get("requests").asLong());
      assertEquals(0, firstSummary.get("transcripts_skipped").asLong());
      assertEquals(
          FakeOpenAi.PRICE_PER_ANSWER.multiply(BigDecimal.valueOf(nasaChunks)).stripTrailingZeros(),
          firstSummary.get("cost_usd").decimalValue().stripTrailingZeros());
      assertArrayEquals(
          Files.readAllBytes(expected.resolve("beliefs/" + NASA + ".jsonl")),
          s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));
      assertEquals(List.of("out/manifest/" + NASA + ".json"), s3.keys(bucket, "out/manifest/"));

      // Unchanged bucket: nothing asked, nothing spent.
      Run rerun = extractFromBucket(bucket, fake);
      assertEquals(ExitCode.OK, rerun.exit(), rerun.stderr());
      JsonNode rerunSummary = summary(bucket);
      assertEquals(nasaChunks, fake.requested().size());
      assertEquals(0, rerunSummary.get("requests").asLong());
      assertEquals(0, rerunSummary.get("chunks").asLong());
      assertEquals(0, rerunSummary.get("cost_usd").decimalValue().signum());
      assertEquals(1, rerunSummary.get("transcripts").asLong());
      assertEquals(1, rerunSummary.get("transcripts_skipped").asLong());
      assertArrayEquals(
          Files.readAllBytes(expected.resolve("beliefs/" + NASA + ".jsonl")),
          s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));

      // One new episode: only its chunks are asked for.
      upload(bucket, gotime());
      Set<String> askedBefore = new HashSet<>(fake.requested());
      Run third = extractFromBucket(bucket, fake);
      assertEquals(ExitCode.OK, third.exit(), third.stderr());
      JsonNode thirdSummary = summary(bucket);
      List<String> askedNow = fake.requested().subList((int) nasaChunks, fake.requested().size());
      long gotimeChunks =
          Json.MAPPER
              .readTree(offlineLocally(gotime()).resolve("run-summary.json").toFile())
              .get("chunks")
              .asLong();
      assertEquals(gotimeChunks, askedNow.size());
      assertEquals(gotimeChunks, thirdSummary.get("requests").asLong());
      assertTrue(askedNow.stream().noneMatch(askedBefore::contains), "a nasa chunk was asked");
      assertEquals(2, thirdSummary.get("transcripts").asLong());
      assertEquals(1, thirdSummary.get("transcripts_skipped").asLong());
      assertArrayEquals(
          Files.readAllBytes(expected.resolve("beliefs/" + GOTIME + ".jsonl")),
          s3.get(bucket, "out/beliefs/" + GOTIME + ".jsonl"));
      assertArrayEquals(
          Files.readAllBytes(expected.resolve("beliefs/" + NASA + ".jsonl")),
          s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));

      // Every run is one line of runs.jsonl.
      List<JsonNode> runs = jsonLines(s3.get(bucket, "out/runs.jsonl"));
      assertEquals(3, runs.size());
      assertEquals(
          List.of(nasaChunks, 0L, gotimeChunks),
          runs.stream().map(r -> r.get("requests").asLong()).toList());
      assertEquals(List.of(0, 0, 0), runs.stream().map(r -> r.get("exit_code").asInt()).toList());
      assertEquals(
          nasaChunks + gotimeChunks,
          s3.keys(bucket, "out/cache/").stream().filter(k -> k.endsWith(".json")).count());
    }
  }

  @Test
  void corruptCacheEntries_areDetectedCountedAndReplaced_andTheBeliefsDoNotChange()
      throws Exception {
    String bucket = newBucket();
    s3.createBucket(bucket);
    upload(bucket, nasa());

    try (FakeOpenAi fake = new FakeOpenAi()) {
      assertEquals(ExitCode.OK, extractFromBucket(bucket, fake).exit());
      long chunks = summary(bucket).get("chunks").asLong();
      byte[] beliefs = s3.get(bucket, "out/beliefs/" + NASA + ".jsonl");
      List<String> entries = s3.keys(bucket, "out/cache/");
      assertEquals(chunks, entries.size(), entries.toString());
      // Three truncated, one not JSON, one holding another request's answer.
      for (String key : entries.subList(0, 3)) {
        byte[] whole = s3.get(bucket, key);
        s3.put(bucket, key, Arrays.copyOf(whole, whole.length / 2));
      }
      s3.put(bucket, entries.get(3), "<html>502 Bad Gateway</html>".getBytes());
      s3.put(bucket, entries.get(4), s3.get(bucket, entries.get(5)));
      int asked = fake.requested().size();

      Run repair = extractFromBucket(bucket, fake, "--incremental=false");

      assertEquals(ExitCode.OK, repair.exit(), repair.stderr());
      JsonNode repaired = summary(bucket);
      assertEquals(5, fake.requested().size() - asked);
      assertEquals(5, repaired.get("requests").asLong());
      assertEquals(5, repaired.get("cache_corrupt").asLong());
      assertEquals(chunks - 5, repaired.get("cache_hits").asLong());
      assertArrayEquals(beliefs, s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));

      Run again = extractFromBucket(bucket, fake, "--incremental=false");

      assertEquals(ExitCode.OK, again.exit(), again.stderr());
      JsonNode fromCache = summary(bucket);
      assertEquals(asked + 5, fake.requested().size());
      assertEquals(0, fromCache.get("requests").asLong());
      assertEquals(0, fromCache.get("cache_corrupt").asLong());
      assertEquals(chunks, fromCache.get("cache_hits").asLong());
      assertEquals(0, fromCache.get("cost_usd").decimalValue().signum());
      assertEquals(
          FakeOpenAi.PRICE_PER_ANSWER.multiply(BigDecimal.valueOf(chunks)).stripTrailingZeros(),
          fromCache.get("saved_usd").decimalValue().stripTrailingZeros());
      assertArrayEquals(beliefs, s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));
      assertTrue(again.stdout().contains(chunks + " answers from the cache"), again.stdout());
    }
  }

  @Test
  void flinkLocal_readsAndWritesTheBucket_withPathStyleAddressingForAHostName() throws Exception {
    String bucket = newBucket();
    s3.createBucket(bucket);
    upload(bucket, nasa());
    Path expected = offlineLocally(nasa());
    List<String> args = new ArrayList<>();
    args.add("--awsRegion=" + S3Mock.REGION);
    args.add("--endpoint=http://localhost:" + s3.endpoint().getPort());
    args.add("--s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName());
    args.add(s3.beamOptions().get(2));
    args.add("--input=s3://" + bucket + "/transcripts/**");
    args.add("--output=s3://" + bucket + "/out/");
    args.add("--runner=FlinkRunner");
    args.add("--flinkMaster=[local]");
    args.add("--workers=2");

    Run run = extract(args, () -> null);

    assertEquals(ExitCode.OK, run.exit(), run.stderr());
    assertArrayEquals(
        Files.readAllBytes(expected.resolve("beliefs/" + NASA + ".jsonl")),
        s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));
    assertEquals("FlinkRunner", summary(bucket).get("runner").asText());
  }

  private static List<JsonNode> jsonLines(byte[] bytes) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }
}
