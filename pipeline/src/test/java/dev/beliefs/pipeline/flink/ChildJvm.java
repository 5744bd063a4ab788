package dev.beliefs.pipeline.flink;

import dev.beliefs.pipeline.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM, typically {@code java -jar belief-pipeline.jar extract ...} as a user runs it: the
 * jar is the whole classpath, so the FlinkRunner stages exactly that jar. The child gets this JVM's
 * environment without a real {@code OPENAI_API_KEY}, plus what the test adds.
 */
final class ChildJvm {

  /** How a finished child ended: its exit code, outputs and wall time from start to exit. */
  record Result(int exit, String stdout, String stderr, Duration elapsed) {

    /** For assertion messages. */
    String describe() {
      return "exit " + exit + " after " + elapsed + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final long startNanos;

  private ChildJvm(Process process, Path stdout, Path stderr, long startNanos) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.startNanos = startNanos;
  }

  /** The shaded jar that {@code mvn package} built before the integration tests run. */

  /**
   * {@code java -jar belief-pipeline.jar args...}.
   *
   * @param scratch where the child's stdout and stderr files go
   * @param environment added to the child's environment
   * @param args the command and its options, such as {@code extract --input=...}
   */
  static ChildJvm startJar(Path scratch, Map<String, String> environment, String... args)
      throws IOException {
    List<String> javaArgs = new ArrayList<>(List.of("-jar", TestFiles.shadedJar().toString()));
    javaArgs.addAll(List.of(args));
    return start(scratch, environment, javaArgs);
  }

  /** {@code java javaArgs...}, with this JVM's {@code java}. */
  static ChildJvm start(Path scratch, Map<String, String> environment, List<String> javaArgs)
      throws IOException {
    Files.createDirectories(scratch);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    Path out = Files.createTempFile(scratch, "child", ".out");
    Path err = Files.createTempFile(scratch, "child", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    return new ChildJvm(builder.start(), out, err, start);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the child to exit; kills it and fails when it takes longer than {@code timeout}. */
  Result await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the child JVM ran over " + timeout + "; killed it\n" + output());
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Kills the child if it still runs, e.g. after a failed assertion. */
  void destroy() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Everything the child has written to stderr so far. */
  String stderrSoFar() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** What the child has written so far, for failure messages. */
  String output() {
    return "stdout:\n"
        + FlinkSessionCluster.tail(stdout)
        + "\nstderr:\n"
        + FlinkSessionCluster.tail(stderr);
  }
}
