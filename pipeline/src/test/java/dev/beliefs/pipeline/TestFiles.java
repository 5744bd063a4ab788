package dev.beliefs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finding the project's files and reading the job's JSONL outputs in tests. */
public final class TestFiles {

  private TestFiles() {}

  public static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("samples")) && Files.exists(dir.resolve("beliefs"))) {
        return dir;
      }
    }
    throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath());
  }

  /** The job's shaded jar, which {@code mvn package} builds before the integration tests run. */
  public static Path shadedJar() {
    String configured = System.getProperty("beliefs.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : projectRoot().resolve("pipeline/target/belief-pipeline.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run 'mvn package' (or 'mvn verify')");
    }
    return jar;
  }

  public static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }
}
