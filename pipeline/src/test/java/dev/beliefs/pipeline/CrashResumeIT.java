package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job killed with {@code kill -9} halfway and started again with the same command: the second
 * run completes with the beliefs of an uninterrupted run and asks the model only for chunks that
 * were never answered. The job runs as its own JVM from the shaded jar, over a bucket in S3Mock;
 * the fake model answers half of the chunks and holds the requests after them, so that exactly
 * which requests were in flight is known; the kill comes once every answer sent is in the cache.
 */
@ExtendWith(S3Mock.Extension.class)
class CrashResumeIT {

  private static final String NASA = "nasa-hwhap-ep218";
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path temp;

  private final S3Mock s3;

  CrashResumeIT(S3Mock s3) {
    this.s3 = s3;
  }

  @Test
  void killedHalfway_theSameCommandCompletes_askingAgainOnlyWhatWasInFlight() throws Exception {
    String bucket =
        "crash-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    s3.createBucket(bucket);
    s3.put(
        bucket,
        "transcripts/" + NASA + ".txt",
        Files.readAllBytes(
            TestFiles.projectRoot()
                .resolve("testdata/transcripts/conversations/" + NASA + ".txt")));
    Set<String> allChunks;
    try (FakeOpenAi uninterrupted = new FakeOpenAi()) {
      assertEquals(ExitCode.OK, extractInProcess(bucket, "baseline", uninterrupted));
      allChunks = new HashSet<>(uninterrupted.requested());
    }

    try (FakeOpenAi fake = new FakeOpenAi().holdAfter(allChunks.size() / 2)) {
      List<String> command = command(bucket, "out", fake);

      Process killed = start(command, "killed");
      assertTrue(fake.awaitAnswered(allChunks.size() / 2, DEADLINE), log("killed"));
      assertTrue(fake.awaitHeld(1, DEADLINE), log("killed"));
      awaitCached(bucket, fake, killed);
      killed.destroyForcibly(); // SIGKILL, as kill -9
      assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
      Set<String> inFlight = fake.inFlight();
      List<String> askedBeforeKill = fake.requested();
      fake.release();

      Process resumed = start(command, "resumed");
      assertTrue(resumed.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), log("resumed"));
      assertEquals(ExitCode.OK, resumed.exitValue(), log("resumed"));

      List<String> askedAfter =
          fake.requested().subList(askedBeforeKill.size(), fake.requested().size());
      Set<String> neverAnswered = new HashSet<>(allChunks);
      neverAnswered.removeAll(askedBeforeKill);
      neverAnswered.addAll(inFlight);
      assertFalse(inFlight.isEmpty());
      assertTrue(askedBeforeKill.size() >= allChunks.size() / 2);
      assertEquals(askedAfter.size(), new HashSet<>(askedAfter).size(), "a chunk asked twice");
      assertEquals(neverAnswered, new HashSet<>(askedAfter));
      assertArrayEquals(
          s3.get(bucket, "baseline/beliefs/" + NASA + ".jsonl"),
          s3.get(bucket, "out/beliefs/" + NASA + ".jsonl"));
      JsonNode summary = Json.MAPPER.readTree(s3.get(bucket, "out/run-summary.json"));
      assertEquals(allChunks.size(), summary.get("chunks").asLong());
      assertEquals(askedAfter.size(), summary.get("requests").asLong());
      assertEquals(askedBeforeKill.size() - inFlight.size(), summary.get("cache_hits").asLong());
      String runs = new String(s3.get(bucket, "out/runs.jsonl"), StandardCharsets.UTF_8);
      assertEquals(1, runs.strip().lines().count(), "the killed run writes no line: " + runs);

      System.out.printf(
          "crash and resume: %d chunks; %d asked before the kill, %d of them in flight;"
              + " %d asked after (%d never asked + %d in flight), %d from the cache%n",
          allChunks.size(),
          askedBeforeKill.size(),
          inFlight.size(),
          askedAfter.size(),
          askedAfter.size() - inFlight.size(),
          inFlight.size(),
          summary.get("cache_hits").asLong());
    }
  }

  private List<String> arguments(String bucket, String output, FakeOpenAi fake) {
    List<String> args = new ArrayList<>(s3.beamOptions());
    args.add("--input=s3://" + bucket + "/transcripts/**");
    args.add("--output=s3://" + bucket + "/" + output + "/");
    args.add("--baseUrl=" + fake.baseUrl());
    args.add("--model=" + FakeOpenAi.MODEL);
    args.add("--workers=2");
    return args;
  }

  private int extractInProcess(String bucket, String output, FakeOpenAi fake) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return new ExtractCommand(quiet, quiet, () -> "sk-test-dummy")
        .run(arguments(bucket, output, fake).toArray(String[]::new));
  }

  private List<String> command(String bucket, String output, FakeOpenAi fake) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-jar");
    command.add(TestFiles.shadedJar().toString());
    command.add("extract");
    command.addAll(arguments(bucket, output, fake));
    return command;
  }

  private Process start(List<String> command, String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve(name + ".log").toFile());
    builder.environment().put("OPENAI_API_KEY", "sk-test-dummy");
    return builder.start();
  }

  /**
   * Waits until every answer the fake sent is in the cache: then only unanswered ones are lost. The
   * bucket cannot say when it is written, so it is looked at until then; the deadline guards
   * against a hang only.
   */
  private void awaitCached(String bucket, FakeOpenAi fake, Process job)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!fake.settled()
        || s3.keys(bucket, "out/cache/").stream()
                .filter(key -> !key.contains("/" + ResponseCache.IN_FLIGHT + "/"))
                .filter(key -> !key.substring(key.lastIndexOf('/') + 1).startsWith("."))
                .count()
            < fake.answered()) {
      assertTrue(job.isAlive(), "the job ended before it was killed:\n" + log("killed"));
      assertTrue(Instant.now().isBefore(deadline), "answers not cached:\n" + log("killed"));
      Thread.sleep(100);
    }
  }

  private String log(String name) {
    try {
      return Files.readString(temp.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
