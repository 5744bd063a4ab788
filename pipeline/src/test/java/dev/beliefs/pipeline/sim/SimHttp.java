package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Real HTTP to a simulator on 127.0.0.1, with the JDK's client, for the tests. */
final class SimHttp {

  static final String MODEL = "gpt-4o-mini";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String root;

  SimHttp(RunningSimulator simulator) {
    this.root = "http://127.0.0.1:" + simulator.port();
  }

  /** A response with its body read as JSON (null when it is not JSON). */
  record Response(int status, java.net.http.HttpHeaders headers, String text) {

    @Nullable String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    /** The first choice's message content. */
    String content() {
      return json().path("choices").path(0).path("message").path("content").asText();
    }
  }

  /** The body the project's client sends for a chunk. */
  static String chatBody(Chunk chunk, int maxTokens) {
    return Json.line(
        new ChatSettings(MODEL, 0.0, 1, maxTokens).requestBody(chunk.text(), maxTokens));
  }

  Response chat(String body, @Nullable String apiKey) throws IOException, InterruptedException {
    return send(chatRequest(body, apiKey, Duration.ofSeconds(60)));
  }

  CompletableFuture<Response> chatAsync(String body) {
    return client
        .sendAsync(
            chatRequest(body, null, Duration.ofSeconds(60)), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
  }

  /** A chat request that gives up after {@code readTimeout}. */
  Response chatWithTimeout(String body, Duration readTimeout)
      throws IOException, InterruptedException {
    return send(chatRequest(body, null, readTimeout));
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(root + path)).GET().build());
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(root + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpRequest chatRequest(String body, @Nullable String apiKey, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return request.build();
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.headers(), response.body());
  }
}
