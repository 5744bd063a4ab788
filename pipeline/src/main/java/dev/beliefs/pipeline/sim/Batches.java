package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's Batch API for {@code /v1/chat/completions}: {@code POST /v1/batches}, {@code GET
 * /v1/batches} (newest first, {@code limit} and {@code after}), {@code GET /v1/batches/{id}} and
 * {@code POST /v1/batches/{id}/cancel}.
 *
 * <p>A batch is {@code validating} for {@code timeScale x 1 s}: its input file's lines are checked
 * (JSON, a unique {@code custom_id}, {@code method} POST, {@code url} the batch's endpoint, a
 * {@code body}, at most {@link SimulatorConfig#maxBatchRequests()} lines), and a bad file fails the
 * batch with its {@code errors}. Then it is {@code in_progress} for {@code timeScale x (60 s + 1 s
 * per request)}, and every line is answered at once, as the online endpoint answers, faults
 * included: 429, 500 and 503 go to the error file with their status and body, malformed and
 * truncated answers to the output file (billed), and a {@code timeout} is a request the window
 * closed on: {@code batch_expired} in the error file, and the batch ends {@code expired} rather
 * than {@code completed} (after {@code finalizing} for {@code timeScale x 1 s}). Batches do not
 * take from the online rate limits.
 */
final class Batches {

  private static final Logger LOG = LoggerFactory.getLogger(Batches.class);
  private static final String ENDPOINT = "/v1/chat/completions";
  private static final String WINDOW = "24h";
  private static final Duration VALIDATING = Duration.ofSeconds(1);
  private static final Duration BASE = Duration.ofSeconds(60);
  private static final Duration PER_REQUEST = Duration.ofSeconds(1);
  private static final Duration FINALIZING = Duration.ofSeconds(1);

  private final SimulatorConfig config;
  private final Files files;
  private final FaultInjector faults;
  private final SimulatorStats stats;
  private final ScheduledExecutorService timer;
  private final Map<String, Batch> batches = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong lineIds = new AtomicLong();

  Batches(
      SimulatorConfig config,
      Files files,
      FaultInjector faults,
      SimulatorStats stats,
      ScheduledExecutorService timer) {
    this.config = config;
    this.files = files;
    this.faults = faults;
    this.stats = stats;
    this.timer = timer;
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
      Batch batch = batches.get(parts[0]);
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
    Batch batch =
        new Batch(
            "batch_sim" + ids.incrementAndGet(),
            ids.get(),
            fileId,
            metadata,
            System.currentTimeMillis() / 1000);
    batches.put(batch.id, batch);
    stats.batchCreated();
    synchronized (batch) {
      batch.schedule(
          timer.schedule(
              () -> validate(batch, file.get()), nanos(VALIDATING), TimeUnit.NANOSECONDS));
    }
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
    List<Batch> newestFirst = new ArrayList<>(batches.values());
    newestFirst.sort(Comparator.comparingLong((Batch b) -> b.sequence).reversed());
    int from = 0;
    if (after != null) {
      for (int i = 0; i < newestFirst.size(); i++) {
        if (newestFirst.get(i).id.equals(after)) {
          from = i + 1;
        }
      }
    }
    List<Batch> page = newestFirst.subList(from, Math.min(newestFirst.size(), from + limit));
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    page.forEach(b -> data.add(b.json()));
    list.put("first_id", page.isEmpty() ? null : page.get(0).id);
    list.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).id);
    list.put("has_more", from + page.size() < newestFirst.size());
    return new Reply(200, Json.line(list), Map.of());
  }

  private Reply cancel(Batch batch) {
    synchronized (batch) {
      if (!batch.status.equals("validating") && !batch.status.equals("in_progress")) {
        return invalid("batch_id", "Cannot cancel a batch with status '" + batch.status + "'.");
      }
      batch.pending.cancel(false);
      batch.status = "cancelling";
      batch.cancellingAt = now();
      batch.schedule(
          timer.schedule(
              () -> {
                synchronized (batch) {
                  batch.status = "cancelled";
                  batch.cancelledAt = now();
                }
              },
              nanos(FINALIZING),
              TimeUnit.NANOSECONDS));
      return new Reply(200, Json.line(batch.json()), Map.of());
    }
  }

  /** Checks the input file; a good one goes in progress until every line is answered. */
  private void validate(Batch batch, Files.StoredFile file) {
    List<ObjectNode> errors = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    Set<String> customIds = new HashSet<>();
    String[] texts = new String(file.content(), StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < texts.length; i++) {
      if (texts[i].isBlank()) {
        continue;
      }
      int number = i + 1;
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(texts[i]);
      } catch (IOException e) {
        errors.add(error("invalid_json_line", "The line is not valid JSON.", null, number));
        continue;
      }
      String customId = line.path("custom_id").asText(null);
      if (customId == null || !line.path("custom_id").isTextual()) {
        errors.add(error("missing_custom_id", "The line has no 'custom_id'.", "custom_id", number));
      } else if (!customIds.add(customId)) {
        errors.add(
            error(
                "duplicate_custom_id",
                "The custom_id '" + customId + "' is used more than once.",
                "custom_id",
                number));
      } else if (!"POST".equals(line.path("method").asText())) {
        errors.add(error("invalid_method", "'method' must be 'POST'.", "method", number));
      } else if (!ENDPOINT.equals(line.path("url").asText())) {
        errors.add(
            error(
                "mismatched_url",
                "The line's 'url' must be the batch's endpoint, '" + ENDPOINT + "'.",
                "url",
                number));
      } else if (!line.path("body").isObject()) {
        errors.add(error("missing_body", "The line has no 'body' object.", "body", number));
      } else {
        lines.add(new Line(customId, Json.line(line.get("body")).getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (lines.size() + errors.size() > config.maxBatchRequests()) {
      errors.add(
          error(
              "too_many_requests",
              "The input file holds "
                  + (lines.size() + errors.size())
                  + " requests; a batch takes at most "
                  + config.maxBatchRequests()
                  + ".",
              null,
              null));
    }
    if (lines.isEmpty() && errors.isEmpty()) {
      errors.add(error("empty_file", "The input file holds no requests.", null, null));
    }
    synchronized (batch) {
      if (!batch.status.equals("validating")) {
        return;
      }
      if (!errors.isEmpty()) {
        batch.status = "failed";
        batch.failedAt = now();
        batch.errors = errors;
        return;
      }
      batch.status = "in_progress";
      batch.inProgressAt = now();
      batch.total = lines.size();
      Duration running = BASE.plus(PER_REQUEST.multipliedBy(lines.size()));
      batch.schedule(timer.schedule(() -> run(batch, lines), nanos(running), TimeUnit.NANOSECONDS));
    }
  }

  /** Answers every line, writes the output and error files, and ends the batch. */
  private void run(Batch batch, List<Line> lines) {
    StringBuilder output = new StringBuilder();
    StringBuilder failures = new StringBuilder();
    int completed = 0;
    boolean expired = false;
    try {
      for (Line line : lines) {
        ObjectNode result = answer(line);
        boolean ok = result.path("response").path("status_code").asInt() == 200;
        expired |= result.path("error").path("code").asText("").equals("batch_expired");
        (ok ? output : failures).append(Json.line(result)).append('\n');
        completed += ok ? 1 : 0;
      }
    } catch (RuntimeException e) {
      LOG.warn("batch {} crashed", batch.id, e);
      synchronized (batch) {
        batch.status = "failed";
        batch.failedAt = now();
        batch.errors = List.of(error("server_error", "The batch failed: " + e, null, null));
      }
      return;
    }
    synchronized (batch) {
      if (!batch.status.equals("in_progress")) {
        return;
      }
      batch.completed = completed;
      batch.failed = lines.size() - completed;
      if (output.length() > 0) {
        batch.outputFileId = store(batch, "output", output);
      }
      if (failures.length() > 0) {
        batch.errorFileId = store(batch, "error", failures);
      }
      if (expired) {
        batch.status = "expired";
        batch.expiredAt = now();
        return;
      }
      batch.status = "finalizing";
      batch.finalizingAt = now();
      batch.schedule(
          timer.schedule(
              () -> {
                synchronized (batch) {
                  batch.status = "completed";
                  batch.completedAt = now();
                }
              },
              nanos(FINALIZING),
              TimeUnit.NANOSECONDS));
    }
  }

  /** One line of the output or error file, answered as {@code POST /v1/chat/completions} would. */
  private ObjectNode answer(Line line) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    long number = lineIds.incrementAndGet();
    result.put("id", "batch_req_sim" + number);
    result.put("custom_id", line.customId);
    ChatRequest request;
    try {
      request = ChatRequest.parse(line.body, config.defaultMaxTokens());
    } catch (BadRequestException e) {
      stats.batchAnswered("400", 0, 0);
      return failed(result, number, e.error());
    }
    Optional<Fault> fault = faults.next(line.body);
    fault.ifPresent(stats::injected);
    if (fault.isPresent()) {
      switch (fault.get()) {
        case RATE_LIMITED -> {
          stats.batchAnswered("429", 0, 0);
          return failed(
              result,
              number,
              OpenAiError.injectedRateLimit(request.model(), Duration.ofSeconds(1)));
        }
        case SERVER_ERROR -> {
          stats.batchAnswered("500", 0, 0);
          return failed(result, number, OpenAiError.serverError());
        }
        case OVERLOADED -> {
          stats.batchAnswered("503", 0, 0);
          return failed(result, number, OpenAiError.overloaded());
        }
        case TIMEOUT -> {
          stats.batchAnswered("expired", 0, 0);
          result.putNull("response");
          ObjectNode error = result.putObject("error");
          error.put("code", "batch_expired");
          error.put(
              "message",
              "This request could not be executed before the completion window expired.");
          return result;
        }
        default -> {
          // malformed and truncated answers are written, and billed, below
        }
      }
    }
    Completion completion =
        Completion.write(
            request, request.promptTokens(), fault.orElse(null), "chatcmpl-simb" + number, config);
    stats.batchAnswered("200", completion.promptTokens(), completion.completionTokens());
    ObjectNode response = result.putObject("response");
    response.put("status_code", 200);
    response.put("request_id", "req_simb" + number);
    response.set("body", tree(completion.body()));
    result.putNull("error");
    return result;
  }

  private static ObjectNode failed(ObjectNode result, long number, OpenAiError error) {
    ObjectNode response = result.putObject("response");
    response.put("status_code", error.status());
    response.put("request_id", "req_simb" + number);
    response.set("body", tree(error.body()));
    result.putNull("error");
    return result;
  }

  private String store(Batch batch, String kind, StringBuilder lines) {
    return files
        .put(
            batch.id + "_" + kind + ".jsonl",
            "batch_output",
            lines.toString().getBytes(StandardCharsets.UTF_8))
        .id();
  }

  private static Reply invalid(String param, String message) {
    return Reply.error(OpenAiError.badRequest(message, param, "invalid_value"), Map.of());
  }

  private static ObjectNode error(
      String code, String message, @Nullable String param, @Nullable Integer line) {
    ObjectNode error = Json.MAPPER.createObjectNode();
    error.put("code", code);
    error.put("message", message);
    error.put("param", param);
    error.put("line", line);
    return error;
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long nanos(Duration duration) {
    return Math.round(duration.toNanos() * config.timeScale());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** A request line: its custom id and its chat completion body. */
  private record Line(String customId, byte[] body) {}

  /** One batch's state; guarded by its own monitor. */
  private static final class Batch {
    final String id;
    final long sequence;
    final String inputFileId;
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
    ScheduledFuture<?> pending;

    Batch(
        String id,
        long sequence,
        String inputFileId,
        Map<String, String> metadata,
        long createdAt) {
      this.id = id;
      this.sequence = sequence;
      this.inputFileId = inputFileId;
      this.metadata = metadata;
      this.createdAt = createdAt;
    }

    synchronized void schedule(ScheduledFuture<?> next) {
      pending = next;
    }

    /** OpenAI's batch object. */
    synchronized ObjectNode json() {
      ObjectNode batch = Json.MAPPER.createObjectNode();
      batch.put("id", id);
      batch.put("object", "batch");
      batch.put("endpoint", ENDPOINT);
      if (errors.isEmpty()) {
        batch.putNull("errors");
      } else {
        ObjectNode list = batch.putObject("errors");
        list.put("object", "list");
        list.putArray("data").addAll(errors);
      }
      batch.put("input_file_id", inputFileId);
      batch.put("completion_window", WINDOW);
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
}
