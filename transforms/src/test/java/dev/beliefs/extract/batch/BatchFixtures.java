package dev.beliefs.extract.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.openai.OpenAiSettings;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Settings, requests and Batch API answer lines the batch tests share. */
final class BatchFixtures {

  static final String MODEL = "gpt-4o-mini";
  static final Usage USAGE = new Usage(1000, 0, 10);
  static final ChatSettings CHAT = new ChatSettings(MODEL, 0.0, 1, 1500);

  private BatchFixtures() {}

  static OpenAiSettings openAi(@Nullable BigDecimal cap) {
    return OpenAiSettings.builder()
        .baseUrl("http://127.0.0.1:1/v1")
        .chat(CHAT)
        .apiKeySource(() -> "sk-test")
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(1))
        .retry(new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(1)))
        .rateLimits(RateLimits.NONE)
        .maxCostUsd(cap)
        .price(PricingTable.bundled().batchPriceOf(MODEL).orElseThrow())
        .sharedKey("test")
        .build();
  }

  /** Batch settings that keep the cache and the records under {@code temp}. */
  static BatchSettings settings(Path temp, @Nullable BigDecimal cap) {
    return BatchSettings.builder()
        .openAi(openAi(cap))
        .cache(new ResponseCache(temp.resolve("cache").toString()))
        .recordsDirectory(temp.resolve("batches").toString())
        .build();
  }

  static List<BatchJob.Request> requests(String... ids) {
    List<BatchJob.Request> requests = new ArrayList<>();
    for (String id : ids) {
      requests.add(new BatchJob.Request(id, key(id), "[u1] A: text of " + id, 1000));
    }
    return requests;
  }

  static String key(String id) {
    return String.format("%064x", id.hashCode() & 0xffffffffL);
  }

  /** A batch's status as the Batch API reports it, with no files, counts or errors. */
  static BatchStatus batchStatus(String batchId, String status) {
    return new BatchStatus(batchId, status, "file-0", null, null, 0, 0, 0, 0, List.of(), Map.of());
  }

  static String ok(String id, String content) {
    return answered(id, content, "stop", null);
  }

  static String truncated(String id) {
    return answered(id, "{\"beliefs\": [", "length", null);
  }

  static String refused(String id) {
    return answered(id, null, "stop", "I cannot help with that.");
  }

  private static String answered(
      String id, @Nullable String content, String finish, @Nullable String refusal) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("id", "batch_req_" + id);
    line.put("custom_id", id);
    ObjectNode response = line.putObject("response");
    response.put("status_code", 200);
    ObjectNode body = response.putObject("body");
    body.put("model", MODEL);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.putObject("message").put("content", content).put("refusal", refusal);
    choice.put("finish_reason", finish);
    body.putObject("usage")
        .put("prompt_tokens", USAGE.promptTokens())
        .put("completion_tokens", USAGE.completionTokens());
    line.putNull("error");
    return Json.line(line);
  }

  static String status(String id, int status) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("custom_id", id);
    ObjectNode response = line.putObject("response");
    response.put("status_code", status);
    response
        .putObject("body")
        .putObject("error")
        .put("message", status == 500 ? "The server had an error" : "Bad request")
        .put("type", "x");
    return Json.line(line);
  }

  static String expired(String id) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("custom_id", id);
    line.putNull("response");
    line.putObject("error").put("code", "batch_expired").put("message", "window closed");
    return Json.line(line);
  }
}
