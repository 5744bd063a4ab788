package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT sent to {@code java -jar belief-pipeline.jar extract} while it waits for the
 * simulator's answers: one line on what is kept, a runs.jsonl line saying so, exit 143 and 130, and
 * the same command resumes without asking again for what was answered.
 */
class InterruptedRunIT {

  private static final Duration DEADLINE = Duration.ofMinutes(4);
  private static final Pattern INTERRUPTED =
      Pattern.compile(
          "Interrupted \\(SIG(TERM|INT)\\): (\\d+) of (\\d+) chunks were answered and are kept in"
              + " the response cache; the same command resumes and does not pay for them again\\.");

  private static final int WORKERS = 4;
  private static final int SIGINT = 2;

  @TempDir Path temp;
  private RunningSimulator simulator;
  private Process child;

  @BeforeEach
  void startSimulator() throws IOException {
    // About three seconds a call: the run takes long enough to be stopped half way.
    simulator = Simulator.start(SimulatorConfig.builder().timeScale(0.2).build());
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    simulator.close();
  }

  private List<String> extract(Path out) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar",
        TestFiles.shadedJar().toString(),
        "extract",
        "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
        "--output=" + out,
        "--baseUrl=" + simulator.baseUrl(),
        "--cheapMode",
        "--workers=" + WORKERS);
  }

  /**
   * A test run in the background of a shell without job control ({@code nohup mvn verify &}, a CI
   * runner) has SIGINT ignored, a child inherits that, and a JVM leaves an ignored SIGINT ignored:
   * Ctrl-C could never reach the job. Perl (part of every Debian) puts it back to its default
   * before it becomes the job.
   */
  private static List<String> withSigintAtItsDefault(List<String> command) throws IOException {
    if (!sigintIgnored()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean sigintIgnored() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
        return (ignored & (1L << (SIGINT - 1))) != 0;
      }
    }
    return false;
  }

  private Process start(Path out, String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(withSigintAtItsDefault(extract(out)))
            .redirectOutput(temp.resolve(name + ".out").toFile())
            .redirectError(temp.resolve(name + ".err").toFile());
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().put("BELIEFS_STDERR_TERMINAL", "0");
    return builder.start();
  }

  @Test
  void sigterm_saysWhatIsKept_recordsTheRunAsInterrupted_andTheSameCommandResumes()
      throws Exception {
    Path out = temp.resolve("out");
    child = start(out, "first");
    // An answer is cached before its chunk is counted as answered, by the same worker thread: at
    // most WORKERS answers can be cached and not yet counted when the signal comes.
    awaitCachedAnswers(out, WORKERS + 2);

    child.destroy(); // SIGTERM
    assertTrue(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "no exit after SIGTERM");

    String stderr = Files.readString(temp.resolve("first.err"), StandardCharsets.UTF_8);
    assertEquals(143, child.exitValue(), stderr);
    Matcher line = INTERRUPTED.matcher(stderr);
    assertTrue(line.find(), stderr);
    assertEquals("TERM", line.group(1));
    long kept = Long.parseLong(line.group(2));
    assertTrue(kept >= 2, "answered before the signal: " + kept);
    assertTrue(kept < Long.parseLong(line.group(3)), line.group());
    List<JsonNode> runs = TestFiles.jsonLines(out.resolve("runs.jsonl"));
    assertEquals(1, runs.size());
    assertEquals(143, runs.get(0).get("exit_code").asInt());
    assertEquals("interrupted", runs.get(0).get("status").asText());

    Process rerun = start(out, "second");
    assertTrue(rerun.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the rerun did not end");
    assertEquals(
        ExitCode.OK,
        rerun.exitValue(),
        Files.readString(temp.resolve("second.err"), StandardCharsets.UTF_8));
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    long cacheHits = summary.get("cache_hits").asLong();
    assertTrue(cacheHits >= kept, cacheHits + " cache hits, " + kept + " kept");
    assertEquals(summary.get("chunks").asLong(), cacheHits + summary.get("requests").asLong());
    runs = TestFiles.jsonLines(out.resolve("runs.jsonl"));
    assertEquals(List.of("interrupted", "completed"), statuses(runs));
  }

  @Test
  void sigint_exits130AndIsRecordedAsInterrupted() throws Exception {
    Path out = temp.resolve("out");
    child = start(out, "first");
    awaitCachedAnswers(out, 1);

    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "no exit after SIGINT");

    String stderr = Files.readString(temp.resolve("first.err"), StandardCharsets.UTF_8);
    assertEquals(130, child.exitValue(), stderr);
    Matcher line = INTERRUPTED.matcher(stderr);
    assertTrue(line.find(), stderr);
    assertEquals("INT", line.group(1));
    List<JsonNode> runs = TestFiles.jsonLines(out.resolve("runs.jsonl"));
    assertEquals(130, runs.get(0).get("exit_code").asInt());
    assertEquals(List.of("interrupted"), statuses(runs));
  }

  private static List<String> statuses(List<JsonNode> runs) {
    List<String> statuses = new ArrayList<>();
    runs.forEach(run -> statuses.add(run.get("status").asText()));
    return statuses;
  }

  /** Waits until the child has cached {@code count} answers, i.e. until it is half way. */
  private void awaitCachedAnswers(Path out, int count) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (cachedAnswers(out.resolve("cache")) < count) {
      if (!child.isAlive()) {
        throw new AssertionError(
            "the job ended before it was stopped: "
                + Files.readString(temp.resolve("first.err"), StandardCharsets.UTF_8));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + count + " cached answers within " + DEADLINE);
      }
      Thread.sleep(100);
    }
  }

  private static long cachedAnswers(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return 0;
    }
    Path notes = cache.resolve(ResponseCache.IN_FLIGHT);
    try (Stream<Path> files = Files.walk(cache)) {
      return files
          .filter(file -> file.toString().endsWith(".json") && !file.startsWith(notes))
          .count();
    }
  }
}
