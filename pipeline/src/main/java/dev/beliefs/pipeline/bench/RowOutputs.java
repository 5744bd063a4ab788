package dev.beliefs.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What a row's job wrote: belief ids, cost, counts. */
record RowOutputs(
    TreeSet<String> beliefIds, BigDecimal costUsd, long beliefs, long requests, long chunks) {
  static RowOutputs read(Path dir) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir.resolve("beliefs"))) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            ids.add(Json.MAPPER.readTree(line).get("belief_id").asText());
          }
        }
      }
    }
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("run-summary.json").toFile());
    return new RowOutputs(
        ids,
        summary.get("cost_usd").decimalValue(),
        summary.get("beliefs").asLong(),
        summary.get("requests").asLong(),
        summary.get("chunks").asLong());
  }
}
