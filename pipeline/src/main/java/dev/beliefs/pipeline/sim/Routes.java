package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its endpoint: the OpenAI API under {@code /v1} (chat completions, models,
 * files and batches), the simulator's own under {@code /sim}; anything else is OpenAI's 404. Every
 * response carries the rate-limit headers.
 */
final class Routes implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private final ChatCompletions chatCompletions;
  private final Files files;
  private final Batches batches;
  private final @Nullable String apiKey;
  private final RateLimiter limiter;
  private final SimulatorStats stats;
  private final Runnable reset;
  private final List<String> models;

  /**
   * @param reset what {@code POST /sim/reset} does
   * @param models what {@code GET /v1/models} lists
   */
  Routes(
      ChatCompletions chatCompletions,
      Files files,
      Batches batches,
      @Nullable String apiKey,
      RateLimiter limiter,
      SimulatorStats stats,
      Runnable reset,
      List<String> models) {
    this.chatCompletions = chatCompletions;
    this.files = files;
    this.batches = batches;
    this.apiKey = apiKey;
    this.limiter = limiter;
    this.stats = stats;
    this.reset = reset;
    this.models = models;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (RuntimeException | IOException e) {
      LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply(exchange, 500, OpenAiError.serverError().body());
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
    if (method.equals("POST") && path.equals("/v1/chat/completions")) {
      chatCompletions.handle(exchange);
    } else if (path.equals("/v1/files") || path.startsWith("/v1/files/")) {
      authorized(exchange, () -> files.handle(exchange, method, path));
    } else if (path.equals("/v1/batches") || path.startsWith("/v1/batches/")) {
      authorized(exchange, () -> batches.handle(exchange, method, path));
    } else if (method.equals("GET") && path.equals("/v1/models")) {
      reply(exchange, 200, ResponseBodies.models(models));
    } else if (method.equals("GET") && path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (models.contains(id)) {
        reply(exchange, 200, ResponseBodies.oneModel(id));
      } else {
        OpenAiError error = OpenAiError.modelNotFound(id);
        reply(exchange, error.status(), error.body());
      }
    } else if (method.equals("GET") && path.equals("/sim/stats")) {
      reply(exchange, 200, Json.pretty(stats.snapshot()));
    } else if (method.equals("POST") && path.equals("/sim/reset")) {
      reset.run();
      reply(exchange, 200, Json.pretty(stats.snapshot()));
    } else {
      OpenAiError error = OpenAiError.invalidUrl(method, exchange.getRequestURI().getPath());
      reply(exchange, error.status(), error.body());
    }
  }

  /** Answers with what {@code handler} replies, once the key is right. */
  private void authorized(HttpExchange exchange, Handler handler) throws IOException {
    OpenAiError refused =
        Authorization.check(apiKey, exchange.getRequestHeaders().getFirst("Authorization"));
    Reply reply = refused != null ? Reply.error(refused, Map.of()) : handler.reply();
    reply.withDefaultHeaders(limiter.state().headers()).send(exchange);
  }

  /** An endpoint that answers with one reply. */
  @FunctionalInterface
  private interface Handler {
    Reply reply() throws IOException;
  }

  private void reply(HttpExchange exchange, int status, String body) {
    new Reply(status, body, limiter.state().headers()).send(exchange);
  }
}
