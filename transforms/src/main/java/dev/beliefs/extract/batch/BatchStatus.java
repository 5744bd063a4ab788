package dev.beliefs.extract.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the Batch API says of one batch: OpenAI's batch object, the fields this project reads.
 *
 * @param status {@code validating}, {@code in_progress}, {@code finalizing}, {@code completed},
 *     {@code failed}, {@code expired}, {@code cancelling} or {@code cancelled}
 * @param outputFileId the answers with status 200, once finished (null when there are none)
 * @param errorFileId the requests that failed or were never run, once finished (null when none)
 * @param createdAt epoch seconds
 * @param errors why a batch {@code failed} validation: one message per problem
 */
public record BatchStatus(
    String id,
    String status,
    String inputFileId,
    @Nullable String outputFileId,
    @Nullable String errorFileId,
    long createdAt,
    long total,
    long completed,
    long failed,
    List<String> errors,
    Map<String, String> metadata) {

  private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");

  public BatchStatus {
    errors = List.copyOf(errors);
    metadata = Map.copyOf(metadata);
  }

  /** No change will come: its output and error files, if any, are final. */
  public boolean terminal() {
    return TERMINAL.contains(status);
  }

  public static BatchStatus parse(JsonNode batch) {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : batch.path("errors").path("data")) {
      String line =
          error.path("line").isNumber() ? " (line " + error.get("line").asInt() + ")" : "";
      errors.add(
          error.path("code").asText("error") + ": " + error.path("message").asText("") + line);
    }
    Map<String, String> metadata = new TreeMap<>();
    batch
        .path("metadata")
        .fields()
        .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    JsonNode counts = batch.path("request_counts");
    return new BatchStatus(
        batch.path("id").asText(),
        batch.path("status").asText(),
        batch.path("input_file_id").asText(""),
        text(batch, "output_file_id"),
        text(batch, "error_file_id"),
        batch.path("created_at").asLong(),
        counts.path("total").asLong(),
        counts.path("completed").asLong(),
        counts.path("failed").asLong(),
        errors,
        metadata);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
