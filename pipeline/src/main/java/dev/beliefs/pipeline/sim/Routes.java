package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its endpoint: the OpenAI API under {@code /v1}, the simulator's own under
 * {@code /sim}; anything else is OpenAI's 404. Every response carries the rate-limit headers.
 */
final class Routes implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private final ChatCompletions chatCompletions;
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
      RateLimiter limiter,
      SimulatorStats stats,
      Runnable reset,
      List<String> models) {
    this.chatCompletions = chatCompletions;
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

  private void reply(HttpExchange exchange, int status, String body) {
    new Reply(status, body, limiter.state().headers()).send(exchange);
  }
}
