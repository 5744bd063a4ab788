package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpExchange;
import dev.beliefs.pipeline.sim.accounting.PromptCache;
import dev.beliefs.pipeline.sim.accounting.PromptTokens;
import dev.beliefs.pipeline.sim.accounting.RateLimitCharge;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}, in OpenAI's order: the key (401), the body (400), then an
 * injected fault if the plan draws one (429, 500, 503 at once), the rate limits (429, taking
 * nothing; a request takes its {@link RateLimitCharge}), the prompt cache, and finally the answer,
 * sent when the latency model says it is written. Waiting holds no thread: the answer is scheduled,
 * so requests in flight cost only their connection.
 */
final class ChatCompletions {

  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletions.class);

  private final SimulatorConfig config;
  private final RateLimiter limiter;
  private final RequestDraws draws;
  private final Tokenizer tokenizer;
  private final @Nullable PromptCache promptCache;
  private final SimulatorStats stats;
  private final ScheduledExecutorService timer;
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param promptCache null when prompt caching is off
   */
  ChatCompletions(
      SimulatorConfig config,
      RateLimiter limiter,
      RequestDraws draws,
      Tokenizer tokenizer,
      @Nullable PromptCache promptCache,
      SimulatorStats stats,
      ScheduledExecutorService timer) {
    this.config = config;
    this.limiter = limiter;
    this.draws = draws;
    this.tokenizer = tokenizer;
    this.promptCache = promptCache;
    this.stats = stats;
    this.timer = timer;
  }

  void handle(HttpExchange exchange) throws IOException {
    long arrivalNanos = System.nanoTime();
    stats.arrived(System.currentTimeMillis());
    long number = ids.incrementAndGet();
    try {
      handle(exchange, arrivalNanos, number);
    } catch (RuntimeException | IOException e) {
      LOG.warn("chat completion {} failed", number, e);
      reject(exchange, OpenAiError.serverError(), headers(limiter.state(), number), null);
    }
  }

  private void handle(HttpExchange exchange, long arrivalNanos, long number) throws IOException {
    OpenAiError authError =
        Authorization.check(
            config.apiKey(), exchange.getRequestHeaders().getFirst("Authorization"));
    if (authError != null) {
      reject(exchange, authError, headers(limiter.state(), number), null);
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    ChatRequest request;
    try {
      request = ChatRequest.parse(body, config.defaultMaxTokens());
    } catch (BadRequestException e) {
      reject(exchange, e.error(), headers(limiter.state(), number), null);
      return;
    }
    CallDraw draw = draws.next(body);
    Fault fault = draw.fault().orElse(null);
    if (fault != null) {
      stats.injected(fault);
    }
    if (fault != null && failsAtOnce(fault)) {
      Duration retryAfter = config.scaled(Duration.ofSeconds(1));
      reject(
          exchange,
          switch (fault) {
            case RATE_LIMITED -> OpenAiError.injectedRateLimit(request.model(), retryAfter);
            case OVERLOADED -> OpenAiError.overloaded();
            default -> OpenAiError.serverError();
          },
          headers(limiter.state(), number),
          fault == Fault.RATE_LIMITED ? retryAfter : null);
      return;
    }
    long rateLimitTokens = request.rateLimitCharge();
    Admission admission = limiter.admit(rateLimitTokens);
    Map<String, String> headers = headers(admission.state(), number);
    if (!admission.admitted()) {
      reject(
          exchange,
          OpenAiError.rateLimited(request.model(), admission, rateLimitTokens),
          headers,
          admission.retryAfter());
      return;
    }
    stats.admitted(
        System.currentTimeMillis(), rateLimitTokens, admission.state().remainingTokens());
    if (fault == Fault.TIMEOUT) {
      timer.schedule(
          () -> {
            stats.failed("timeout", System.currentTimeMillis());
            exchange.close();
          },
          config.faultTimeout().toNanos(),
          TimeUnit.NANOSECONDS);
      return;
    }
    answer(exchange, request, draw, headers, arrivalNanos, number);
  }

  private void answer(
      HttpExchange exchange,
      ChatRequest request,
      CallDraw draw,
      Map<String, String> headers,
      long arrivalNanos,
      long number) {
    PromptTokens prompt = request.promptTokens(tokenizer);
    int cached = promptCache == null ? 0 : promptCache.lookUpAndStore(prompt);
    Completion completion =
        Completion.write(
            request, prompt.billed(), cached, draw, "chatcmpl-sim" + number, config, tokenizer);
    Duration service = completion.serviceTime();
    headers.put("openai-processing-ms", Long.toString(service.toMillis()));
    Reply reply = new Reply(200, completion.body(), headers);
    timer.schedule(
        () -> {
          // Counted before it is sent, so that a client reading the stats after its answer sees it.
          stats.answered(completion, System.currentTimeMillis());
          reply.send(exchange);
        },
        arrivalNanos + service.toNanos() - System.nanoTime(),
        TimeUnit.NANOSECONDS);
  }

  private void reject(
      HttpExchange exchange,
      OpenAiError error,
      Map<String, String> headers,
      @Nullable Duration retryAfter) {
    if (retryAfter != null) {
      long millis = (retryAfter.toNanos() + 999_999) / 1_000_000;
      headers.put("retry-after", Long.toString((millis + 999) / 1000));
      headers.put("retry-after-ms", Long.toString(millis));
    }
    stats.failed(Integer.toString(error.status()), System.currentTimeMillis());
    Reply.error(error, headers).send(exchange);
  }

  private static boolean failsAtOnce(Fault fault) {
    return fault == Fault.RATE_LIMITED || fault == Fault.SERVER_ERROR || fault == Fault.OVERLOADED;
  }

  private static Map<String, String> headers(RateLimitState state, long number) {
    Map<String, String> headers = new LinkedHashMap<>(state.headers());
    headers.put("x-request-id", "req_sim" + number);
    return headers;
  }
}
