package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript too large for the heap ends the job on its own, with one line, exit code 1 and a
 * {@code runs.jsonl} line: it does not hang, so a scheduled run gives its lock back. The job runs
 * as its own JVM from the shaded jar with a 48 MB heap; a 20 MB transcript does not fit.
 */
class OutOfMemoryIT {

  /** Far beyond what the job takes; reached only if it hangs. Not a measure of speed. */
  private static final long HANG_MINUTES = 10;

  @TempDir Path temp;

  @Test
  void aTranscriptTooLargeForTheHeap_endsTheJobWithOneLineAndExitCodeOne() throws Exception {
    Path input = Files.createDirectories(temp.resolve("in"));
    writeTranscript(input.resolve("huge.txt"), 20_000_000);
    Path output = temp.resolve("out");
    Path stdout = temp.resolve("stdout.txt");
    Path stderr = temp.resolve("stderr.txt");
    ProcessBuilder job =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-jar",
                TestFiles.shadedJar().toString(),
                "extract",
                "--input=" + input + "/*.txt",
                "--output=" + output)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    job.environment().remove("OPENAI_API_KEY");

    Process process = job.start();
    boolean ended = process.waitFor(HANG_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }

    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertTrue(ended, "the job hung:\n" + errors);
    assertEquals(ExitCode.CRASH, process.exitValue(), errors);
    List<String> lines = errors.lines().filter(line -> !line.startsWith("No OPENAI")).toList();
    assertEquals(1, lines.size(), errors);
    assertTrue(lines.get(0).startsWith("error: out of memory (Java heap space"), errors);
    assertTrue(lines.get(0).contains("heap 48 MB"), errors);
    assertTrue(lines.get(0).contains("BELIEFS_JAVA_OPTS=-Xmx"), errors);
    List<JsonNode> runs = TestFiles.jsonLines(output.resolve("runs.jsonl"));
    assertEquals(1, runs.size());
    assertEquals(ExitCode.CRASH, runs.get(0).get("exit_code").asInt());
  }

  /** Speaker turns of a dozen words each, {@code bytes} in all. */
  private static void writeTranscript(Path file, long bytes) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long written = 0;
      for (int turn = 0; written < bytes; turn++) {
        String line =
            (turn % 2 == 0 ? "Ana" : "Ben")
                + ": I think the station camera "
                + turn
                + " takes the best pictures of the Earth we have.\n";
        out.write(line);
        written += line.length();
      }
    }
  }
}
