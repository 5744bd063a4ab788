package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A batch's answered lines sorted into its two JSONL files, as OpenAI writes them: lines answered
 * with status 200 go to the output file, every other line to the error file.
 */
final class BatchOutput {

  private final StringBuilder output = new StringBuilder();
  private final StringBuilder errors = new StringBuilder();
  private int completed;
  private int failed;
  private boolean expired;

  /** Adds one line of the output or error file. */
  void add(ObjectNode result) {
    boolean answered = result.path("response").path("status_code").asInt() == 200;
    expired |= result.path("error").path("code").asText("").equals("batch_expired");
    (answered ? output : errors).append(Json.line(result)).append('\n');
    if (answered) {
      completed++;
    } else {
      failed++;
    }
  }

  int completed() {
    return completed;
  }

  int failed() {
    return failed;
  }

  /** A request the completion window closed on: the batch ends {@code expired}. */
  boolean expired() {
    return expired;
  }

  /** Keeps the output file among the files, or nothing when no line was answered. */
  @Nullable String storeOutput(Files files, String batchId) {
    return store(files, batchId, "output", output);
  }

  /** Keeps the error file among the files, or nothing when every line was answered. */
  @Nullable String storeErrors(Files files, String batchId) {
    return store(files, batchId, "error", errors);
  }

  private static @Nullable String store(
      Files files, String batchId, String kind, StringBuilder lines) {
    if (lines.length() == 0) {
      return null;
    }
    return files
        .put(
            batchId + "_" + kind + ".jsonl",
            "batch_output",
            lines.toString().getBytes(StandardCharsets.UTF_8))
        .id();
  }
}
