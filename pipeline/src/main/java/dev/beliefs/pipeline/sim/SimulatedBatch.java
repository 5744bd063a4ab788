package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One simulated batch: its state as OpenAI's batch object shows it. Fields are guarded by the
 * batch's own monitor; {@link BatchLifecycle} moves it from status to status.
 */
final class SimulatedBatch {
  final String id;
  final long sequence;
  final String inputFileId;
  final String endpoint;
  final Map<String, String> metadata;
  final long createdAt;
  String status = "validating";
  @Nullable Long inProgressAt;
  @Nullable Long finalizingAt;
  @Nullable Long completedAt;
  @Nullable Long failedAt;
  @Nullable Long expiredAt;
  @Nullable Long cancellingAt;
  @Nullable Long cancelledAt;
  @Nullable String outputFileId;
  @Nullable String errorFileId;
  long total;
  long completed;
  long failed;
  List<ObjectNode> errors = List.of();
  Future<?> pending;

  SimulatedBatch(
      String id,
      long sequence,
      String inputFileId,
      String endpoint,
      Map<String, String> metadata,
      long createdAt) {
    this.id = id;
    this.sequence = sequence;
    this.inputFileId = inputFileId;
    this.endpoint = endpoint;
    this.metadata = metadata;
    this.createdAt = createdAt;
  }

  synchronized void schedule(Future<?> next) {
    pending = next;
  }

  /** Takes the status {@code next}, stamped with the time it was reached. */
  synchronized void moveTo(String next) {
    long now = System.currentTimeMillis() / 1000;
    switch (next) {
      case "in_progress" -> inProgressAt = now;
      case "finalizing" -> finalizingAt = now;
      case "completed" -> completedAt = now;
      case "failed" -> failedAt = now;
      case "expired" -> expiredAt = now;
      case "cancelling" -> cancellingAt = now;
      case "cancelled" -> cancelledAt = now;
      default -> throw new IllegalArgumentException("A batch cannot move to status " + next);
    }
    status = next;
  }

  /** OpenAI's batch object. */
  synchronized ObjectNode json() {
    ObjectNode batch = Json.MAPPER.createObjectNode();
    batch.put("id", id);
    batch.put("object", "batch");
    batch.put("endpoint", endpoint);
    if (errors.isEmpty()) {
      batch.putNull("errors");
    } else {
      ObjectNode list = batch.putObject("errors");
      list.put("object", "list");
      list.putArray("data").addAll(errors);
    }
    batch.put("input_file_id", inputFileId);
    batch.put("completion_window", "24h");
    batch.put("status", status);
    batch.put("output_file_id", outputFileId);
    batch.put("error_file_id", errorFileId);
    batch.put("created_at", createdAt);
    batch.put("in_progress_at", inProgressAt);
    batch.put("expires_at", createdAt + Duration.ofHours(24).toSeconds());
    batch.put("finalizing_at", finalizingAt);
    batch.put("completed_at", completedAt);
    batch.put("failed_at", failedAt);
    batch.put("expired_at", expiredAt);
    batch.put("cancelling_at", cancellingAt);
    batch.put("cancelled_at", cancelledAt);
    ObjectNode counts = batch.putObject("request_counts");
    counts.put("total", total);
    counts.put("completed", completed);
    counts.put("failed", failed);
    ObjectNode tags = batch.putObject("metadata");
    metadata.forEach(tags::put);
    return batch;
  }
}
