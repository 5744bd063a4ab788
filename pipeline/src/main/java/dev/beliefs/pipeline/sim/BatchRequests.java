package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a batch's request lines as {@code POST /v1/chat/completions} answers online, faults
 * included: a 429, 500 or 503 is the line's response with that status and OpenAI's error body, a
 * {@code timeout} is a request the completion window closed on ({@code batch_expired}), and
 * malformed and truncated answers are written and billed. Batches take nothing from the online rate
 * limits, and their prompts are not cached.
 */
final class BatchRequests {

  private final SimulatorConfig config;
  private final RequestDraws draws;
  private final Tokenizer tokenizer;
  private final SimulatorStats stats;
  private final AtomicLong ids = new AtomicLong();

  BatchRequests(
      SimulatorConfig config, RequestDraws draws, Tokenizer tokenizer, SimulatorStats stats) {
    this.config = config;
    this.draws = draws;
    this.tokenizer = tokenizer;
    this.stats = stats;
  }

  /** Every line answered, in order. */
  BatchOutput answerAll(List<BatchInput.Line> lines) {
    BatchOutput output = new BatchOutput();
    for (BatchInput.Line line : lines) {
      output.add(answer(line));
    }
    return output;
  }

  /** One line of the output or error file. */
  ObjectNode answer(BatchInput.Line line) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    long number = ids.incrementAndGet();
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
    return responded(result, number, 200, completion.body());
  }

  private static ObjectNode failed(ObjectNode result, long number, OpenAiError error) {
    return responded(result, number, error.status(), error.body());
  }

  private static ObjectNode responded(ObjectNode result, long number, int status, String body) {
    ObjectNode response = result.putObject("response");
    response.put("status_code", status);
    response.put("request_id", "req_simb" + number);
    response.set("body", tree(body));
    result.putNull("error");
    return result;
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
