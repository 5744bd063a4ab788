package dev.beliefs.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmark's working directory emptied before use: a rerun into the same {@code --output} must
 * not find the last run's response cache (every request would be answered from it, for nothing) nor
 * its extra workload files.
 */
final class FreshDirectory {

  private FreshDirectory() {}

  /** Deletes {@code dir} and everything below it, if it exists, and returns it. */
  static Path of(Path dir) throws IOException {
    if (Files.exists(dir)) {
      List<Path> deepestFirst;
      try (Stream<Path> tree = Files.walk(dir)) {
        deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
      }
      for (Path path : deepestFirst) {
        Files.delete(path);
      }
    }
    return dir;
  }
}
