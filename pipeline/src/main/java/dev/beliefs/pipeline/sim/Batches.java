package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * OpenAI's Batch API for {@code /v1/chat/completions}: {@code POST /v1/batches}, {@code GET
 * /v1/batches} (newest first, {@code limit} and {@code after}), {@code GET /v1/batches/{id}} and
 * {@code POST /v1/batches/{id}/cancel}. The batches are kept in a {@link BatchStore}; a {@link
 * BatchLifecycle} takes each from {@code validating} to its end, and its lines are answered by
 * {@link BatchRequests}.
 */
final class Batches {

  static final String ENDPOINT = "/v1/chat/completions";
  private static final String WINDOW = "24h";

  private final Files files;
  private final BatchStore store;
  private final BatchLifecycle lifecycle;
  private final SimulatorStats stats;

  Batches(Files files, BatchStore store, BatchLifecycle lifecycle, SimulatorStats stats) {
    this.files = files;
    this.store = store;
    this.lifecycle = lifecycle;
    this.stats = stats;
  }

  Reply handle(HttpExchange exchange, String method, String path) throws IOException {
    if (path.equals("/v1/batches")) {
      if (method.equals("POST")) {
        return create(exchange.getRequestBody().readAllBytes());
      }
      if (method.equals("GET")) {
        return list(exchange.getRequestURI().getRawQuery());
      }
    } else {
      String[] parts = path.substring("/v1/batches/".length()).split("/");
      SimulatedBatch batch = store.get(parts[0]);
      if (batch == null) {
        return Reply.error(
            new OpenAiError(
                404,
                "No batch found with id '" + parts[0] + "'.",
                "invalid_request_error",
                "id",
                null),
            Map.of());
      }
      if (method.equals("GET") && parts.length == 1) {
        return new Reply(200, Json.line(batch.json()), Map.of());
      }
      if (method.equals("POST") && parts.length == 2 && parts[1].equals("cancel")) {
        return cancel(batch);
      }
    }
    return Reply.error(OpenAiError.invalidUrl(method, path), Map.of());
  }

  private Reply create(byte[] body) {
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Reply.error(OpenAiError.notJson(), Map.of());
    }
    if (request == null || !request.isObject()) {
      return Reply.error(OpenAiError.notJson(), Map.of());
    }
    for (String required : List.of("input_file_id", "endpoint", "completion_window")) {
      if (!request.path(required).isTextual()) {
        return Reply.error(
            OpenAiError.badRequest(
                "Missing required parameter: '" + required + "'.",
                required,
                "missing_required_parameter"),
            Map.of());
      }
    }
    String fileId = request.get("input_file_id").asText();
    Optional<Files.StoredFile> file = files.get(fileId);
    if (file.isEmpty()) {
      return Reply.error(Files.noSuchFile(fileId), Map.of());
    }
    if (!file.get().purpose().equals("batch")) {
      return invalid(
          "input_file_id", "The input file must have been uploaded with purpose 'batch'.");
    }
    if (!request.get("endpoint").asText().equals(ENDPOINT)) {
      return invalid("endpoint", "The simulator runs batches for '" + ENDPOINT + "' only.");
    }
    if (!request.get("completion_window").asText().equals(WINDOW)) {
      return invalid("completion_window", "Only '" + WINDOW + "' is supported.");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode tags = request.path("metadata");
    if (tags.isObject()) {
      tags.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }
    if (metadata.size() > 16) {
      return invalid("metadata", "Metadata holds at most 16 key-value pairs.");
    }
    SimulatedBatch batch = store.create(fileId, ENDPOINT, metadata);
    stats.batchCreated();
    lifecycle.start(batch, file.get());
    return new Reply(200, Json.line(batch.json()), Map.of());
  }

  private Reply list(@Nullable String query) {
    int limit = 20;
    String after = null;
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] nameValue = pair.split("=", 2);
      if (nameValue.length == 2 && nameValue[0].equals("limit")) {
        try {
          limit = Math.max(1, Math.min(100, Integer.parseInt(nameValue[1])));
        } catch (NumberFormatException e) {
          return invalid("limit", "'limit' must be an integer.");
        }
      } else if (nameValue.length == 2 && nameValue[0].equals("after")) {
        after = nameValue[1];
      }
    }
    BatchStore.Page found = store.page(limit, after);
    List<SimulatedBatch> page = found.batches();
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    page.forEach(b -> data.add(b.json()));
    list.put("first_id", page.isEmpty() ? null : page.get(0).id);
    list.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).id);
    list.put("has_more", found.hasMore());
    return new Reply(200, Json.line(list), Map.of());
  }

  private Reply cancel(SimulatedBatch batch) {
    synchronized (batch) {
      if (!lifecycle.cancel(batch)) {
        return invalid("batch_id", "Cannot cancel a batch with status '" + batch.status + "'.");
      }
      return new Reply(200, Json.line(batch.json()), Map.of());
    }
  }

  private static Reply invalid(String param, String message) {
    return Reply.error(OpenAiError.badRequest(message, param, "invalid_value"), Map.of());
  }
}
