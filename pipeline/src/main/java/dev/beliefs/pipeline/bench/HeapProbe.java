package dev.beliefs.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Looks at another JVM's memory: its live heap, with {@code jcmd PID GC.class_histogram}, which
 * runs a full garbage collection first and then adds up the objects left (its "Total" line); and
 * its resident set, from {@code /proc/PID/status}. The JVM skips that collection while a thread
 * holds the GC locker, and the histogram then counts garbage too; it says so on its output ("GC
 * locker is held; pre-dump GC was skipped"), which this probe reads: such a histogram is thrown
 * away and taken again.
 */
final class HeapProbe {

  static final String SKIPPED_GC = "pre-dump GC was skipped";
  private static final int TRIES = 20;
  private static final long RETRY_MS = 250;

  private final long pid;
  private final Path output;
  private final Path status;
  private final String jcmd;

  /**
   * @param output where the JVM's stdout goes, on which it reports a skipped collection
   */
  HeapProbe(long pid, Path output) {
    this.pid = pid;
    this.output = output;
    this.status = Path.of("/proc", Long.toString(pid), "status");
    Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    this.jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
  }

  /**
   * The live objects after a full GC, or empty if the JVM is gone, would not answer, or skipped the
   * collection every time it was asked.
   */
  Optional<Histogram> liveHeap() throws InterruptedException {
    for (int i = 0; i < TRIES; i++) {
      long skippedBefore = skippedCollections(output);
      Optional<Histogram> histogram = histogram();
      if (histogram.isEmpty() || skippedCollections(output) == skippedBefore) {
        return histogram;
      }
      Thread.sleep(RETRY_MS);
    }
    return Optional.empty();
  }

  /** How many times the JVM writing {@code output} said it skipped a histogram's collection. */
  static long skippedCollections(Path output) {
    try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(SKIPPED_GC)).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private Optional<Histogram> histogram() throws InterruptedException {
    Process histogram;
    try {
      histogram =
          new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines =
          new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      histogram.waitFor();
    }
    OptionalLong total = totalBytes(lines);
    return total.isPresent()
        ? Optional.of(new Histogram(total.getAsLong(), lines))
        : Optional.empty();
  }

  /** The live heap's size and the histogram it was read from, largest classes first. */
  record Histogram(long liveBytes, List<String> lines) {

    /** The heading and the {@code classes} largest classes. */
    String top(int classes) {
      return String.join("\n", lines.subList(0, Math.min(lines.size(), classes + 3))) + "\n";
    }
  }

  /** The bytes of the histogram's {@code Total <instances> <bytes>} line. */
  static OptionalLong totalBytes(List<String> histogram) {
    for (int i = histogram.size() - 1; i >= 0; i--) {
      String[] fields = histogram.get(i).strip().split("\\s+");
      if (fields.length == 3 && fields[0].equals("Total")) {
        try {
          return OptionalLong.of(Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Resident set now ({@code VmRSS}), in kB; 0 once the process is gone. */
  long residentKb() {
    return statusKb("VmRSS:");
  }

  /** The largest resident set so far ({@code VmHWM}), in kB; 0 once the process is gone. */
  long peakResidentKb() {
    return statusKb("VmHWM:");
  }

  private long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
