package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
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
 * take from the online rate limits, and their prompts are not cached: the batch price is their
 * discount.
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
  private final RequestDraws draws;
  private final Tokenizer tokenizer;
  private final SimulatorStats stats;
  private final ScheduledExecutorService timer;
  private final Map<String, SimulatedBatch> batches = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong lineIds = new AtomicLong();

  Batches(
      SimulatorConfig config,
      Files files,
      RequestDraws draws,
      Tokenizer tokenizer,
      SimulatorStats stats,
      ScheduledExecutorService timer) {
    this.config = config;
    this.files = files;
    this.draws = draws;
    this.tokenizer = tokenizer;
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
      SimulatedBatch batch = batches.get(parts[0]);
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
    SimulatedBatch batch =
        new SimulatedBatch(
            "batch_sim" + ids.incrementAndGet(),
            ids.get(),
            fileId,
            ENDPOINT,
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
    List<SimulatedBatch> newestFirst = new ArrayList<>(batches.values());
    newestFirst.sort(Comparator.comparingLong((SimulatedBatch b) -> b.sequence).reversed());
    int from = 0;
    if (after != null) {
      for (int i = 0; i < newestFirst.size(); i++) {
        if (newestFirst.get(i).id.equals(after)) {
          from = i + 1;
        }
      }
    }
    List<SimulatedBatch> page =
        newestFirst.subList(from, Math.min(newestFirst.size(), from + limit));
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    page.forEach(b -> data.add(b.json()));
    list.put("first_id", page.isEmpty() ? null : page.get(0).id);
    list.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).id);
    list.put("has_more", from + page.size() < newestFirst.size());
    return new Reply(200, Json.line(list), Map.of());
  }

  private Reply cancel(SimulatedBatch batch) {
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
  private void validate(SimulatedBatch batch, Files.StoredFile file) {
    BatchInput input = BatchInput.read(file.content(), ENDPOINT, config.maxBatchRequests());
    synchronized (batch) {
      if (!batch.status.equals("validating")) {
        return;
      }
      if (!input.errors().isEmpty()) {
        batch.status = "failed";
        batch.failedAt = now();
        batch.errors = input.errors();
        return;
      }
      batch.status = "in_progress";
      batch.inProgressAt = now();
      batch.total = input.lines().size();
      Duration running = BASE.plus(PER_REQUEST.multipliedBy(input.lines().size()));
      batch.schedule(
          timer.schedule(() -> run(batch, input.lines()), nanos(running), TimeUnit.NANOSECONDS));
    }
  }

  /** Answers every line, writes the output and error files, and ends the batch. */
  private void run(SimulatedBatch batch, List<BatchInput.Line> lines) {
    StringBuilder output = new StringBuilder();
    StringBuilder failures = new StringBuilder();
    int completed = 0;
    boolean expired = false;
    try {
      for (BatchInput.Line line : lines) {
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
        batch.errors =
            List.of(BatchInput.error("server_error", "The batch failed: " + e, null, null));
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
  private ObjectNode answer(BatchInput.Line line) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    long number = lineIds.incrementAndGet();
    result.put("id", "batch_req_sim" + number);
    result.put("custom_id", line.customId());
    ChatRequest request;
    try {
      request = ChatRequest.parse(line.body(), config.defaultMaxTokens());
    } catch (BadRequestException e) {
      stats.batchAnswered("400", 0, 0);
      return failed(result, number, e.error());
    }
    CallDraw draw = draws.next(line.body());
    Optional<Fault> fault = draw.fault();
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
            request,
            request.promptTokens(tokenizer).billed(),
            0,
            draw,
            "chatcmpl-simb" + number,
            config,
            tokenizer);
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

  private String store(SimulatedBatch batch, String kind, StringBuilder lines) {
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
}
