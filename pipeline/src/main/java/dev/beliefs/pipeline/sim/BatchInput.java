package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A batch's input file as validation reads it: its request lines, or why it is refused, one error
 * object per problem ({@code code}, {@code message}, {@code param}, {@code line}) as a failed
 * batch's {@code errors.data} lists them.
 */
record BatchInput(List<Line> lines, List<ObjectNode> errors) {

  /** A request line: its custom id and its chat completion body. */
  record Line(String customId, byte[] body) {}

  /**
   * Each line must be JSON with a unique {@code custom_id}, {@code method} POST, {@code url} the
   * batch's {@code endpoint} and a {@code body}; a file holds 1 to {@code maxRequests} of them.
   */
  static BatchInput read(byte[] content, String endpoint, int maxRequests) {
    List<ObjectNode> errors = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    Set<String> customIds = new HashSet<>();
    String[] texts = new String(content, StandardCharsets.UTF_8).split("\n");
    int requests = 0;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i].isBlank()) {
        continue;
      }
      requests++;
      int number = i + 1;
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(texts[i]);
      } catch (IOException e) {
        errors.add(error("invalid_json_line", "The line is not valid JSON.", null, number));
        continue;
      }
      String customId = line.path("custom_id").isTextual() ? line.get("custom_id").asText() : null;
      if (customId == null) {
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
      } else if (!endpoint.equals(line.path("url").asText())) {
        errors.add(
            error(
                "mismatched_url",
                "The line's 'url' must be the batch's endpoint, '" + endpoint + "'.",
                "url",
                number));
      } else if (!line.path("body").isObject()) {
        errors.add(error("missing_body", "The line has no 'body' object.", "body", number));
      } else {
        lines.add(new Line(customId, Json.line(line.get("body")).getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (requests > maxRequests) {
      errors.add(
          error(
              "too_many_requests",
              "The input file holds "
                  + requests
                  + " requests; a batch takes at most "
                  + maxRequests
                  + ".",
              null,
              null));
    }
    if (requests == 0) {
      errors.add(error("empty_file", "The input file holds no requests.", null, null));
    }
    return new BatchInput(List.copyOf(lines), List.copyOf(errors));
  }

  static ObjectNode error(
      String code, String message, @Nullable String param, @Nullable Integer line) {
    ObjectNode error = Json.MAPPER.createObjectNode();
    error.put("code", code);
    error.put("message", message);
    error.put("param", param);
    error.put("line", line);
    return error;
  }
}
