package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One response: status, body and headers, written to an exchange when its time comes. The body is
 * JSON unless a {@code content-type} header says otherwise.
 */
record Reply(int status, String body, Map<String, String> headers) {

  static Reply error(OpenAiError error, Map<String, String> headers) {
    return new Reply(error.status(), error.body(), headers);
  }

  /** The same reply with {@code defaults} added to its headers; its own win. */
  Reply withDefaultHeaders(Map<String, String> defaults) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(defaults);
    merged.putAll(headers);
    return new Reply(status, body, merged);
  }

  /**
   * Writes the reply and closes the exchange. A client that has gone away (its read timeout fired)
   * is not an error of the simulator: the failed write is ignored.
   */
  void send(HttpExchange exchange) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try {
      exchange.getResponseHeaders().set("content-type", "application/json");
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client hung up
    } finally {
      exchange.close();
    }
  }
}
