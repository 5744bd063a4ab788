package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OpenAI's Files API, the part batches use, held in memory: {@code POST /v1/files} (multipart
 * {@code purpose} and {@code file}), {@code GET /v1/files/{id}} and {@code GET
 * /v1/files/{id}/content}. Batches keep their output and error files here too.
 */
final class Files {

  private static final Set<String> PURPOSES =
      Set.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");

  /** An uploaded or written file. */
  record StoredFile(String id, String filename, String purpose, long createdAt, byte[] content) {

    String json() {
      ObjectNode file = Json.MAPPER.createObjectNode();
      file.put("id", id);
      file.put("object", "file");
      file.put("bytes", content.length);
      file.put("created_at", createdAt);
      file.putNull("expires_at");
      file.put("filename", filename);
      file.put("purpose", purpose);
      file.put("status", "processed");
      file.putNull("status_details");
      return Json.line(file);
    }
  }

  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final SimulatorStats stats;

  Files(SimulatorStats stats) {
    this.stats = stats;
  }

  Reply handle(HttpExchange exchange, String method, String path) throws IOException {
    if (path.equals("/v1/files")) {
      return method.equals("POST")
          ? upload(exchange)
          : Reply.error(OpenAiError.invalidUrl(method, path), Map.of());
    }
    String[] parts = path.substring("/v1/files/".length()).split("/");
    Optional<StoredFile> file = get(parts[0]);
    if (method.equals("GET") && parts.length == 1) {
      return file.map(f -> new Reply(200, f.json(), Map.of())).orElseGet(() -> notFound(parts[0]));
    }
    if (method.equals("GET") && parts.length == 2 && parts[1].equals("content")) {
      return file.map(
              f ->
                  new Reply(
                      200,
                      new String(f.content(), StandardCharsets.UTF_8),
                      Map.of("content-type", "application/octet-stream")))
          .orElseGet(() -> notFound(parts[0]));
    }
    return Reply.error(OpenAiError.invalidUrl(method, path), Map.of());
  }

  private Reply upload(HttpExchange exchange) throws IOException {
    Map<String, Multipart.Part> form;
    try {
      form =
          Multipart.parse(
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestBody().readAllBytes());
    } catch (BadRequestException e) {
      return Reply.error(e.error(), Map.of());
    }
    Multipart.Part purpose = form.get("purpose");
    Multipart.Part file = form.get("file");
    if (purpose == null || file == null) {
      return Reply.error(
          OpenAiError.badRequest(
              "Missing required parameter: '" + (purpose == null ? "purpose" : "file") + "'.",
              purpose == null ? "purpose" : "file",
              "missing_required_parameter"),
          Map.of());
    }
    String purposeName = new String(purpose.content(), StandardCharsets.UTF_8).strip();
    if (!PURPOSES.contains(purposeName)) {
      return Reply.error(
          OpenAiError.badRequest(
              "Invalid value for 'purpose': '" + purposeName + "'.", "purpose", "invalid_value"),
          Map.of());
    }
    StoredFile stored =
        put(file.filename() == null ? "upload" : file.filename(), purposeName, file.content());
    stats.fileUploaded();
    return new Reply(200, stored.json(), Map.of());
  }

  /** Keeps a file and gives it an id. */
  StoredFile put(String filename, String purpose, byte[] content) {
    StoredFile file =
        new StoredFile(
            "file-sim" + ids.incrementAndGet(),
            filename,
            purpose,
            System.currentTimeMillis() / 1000,
            content);
    files.put(file.id(), file);
    return file;
  }

  Optional<StoredFile> get(String id) {
    return Optional.ofNullable(files.get(id));
  }

  static OpenAiError noSuchFile(String id) {
    return new OpenAiError(404, "No such File object: " + id, "invalid_request_error", "id", null);
  }

  private static Reply notFound(String id) {
    return Reply.error(noSuchFile(id), Map.of());
  }
}
