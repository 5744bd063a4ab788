package dev.beliefs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.extract.offline.OfflineBeliefRules;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.json.Json;
import dev.beliefs.model.Utterance;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat completions endpoint on 127.0.0.1 that answers as the offline extractor would (or as a
 * given model of the chunk's utterances), bills a fixed usage per answer and remembers every chunk
 * it was asked about (by the user message's text). After a given number of answers it can hold the
 * rest, so that a test can kill the job with answers in flight whatever the machine's speed. {@code
 * GET /v1/models} answers, so that the job's check of the key passes. Small and private to these
 * tests.
 */
final class FakeOpenAi implements AutoCloseable {

  static final String MODEL = "gpt-4o-mini";
  static final long PROMPT_TOKENS = 1000;
  static final long COMPLETION_TOKENS = 100;

  /** What one answer costs at gpt-4o-mini's bundled price (0.15 and 0.60 USD per 1M tokens). */
  static final BigDecimal PRICE_PER_ANSWER = new BigDecimal("0.00021");

  private static final String USER_PREFIX = "Transcript excerpt:\n\n";
  private static final Pattern RENDERED_LINE = Pattern.compile("\\[u(\\d+)] (.+?): (.*)");

  private final HttpServer server;
  private final Function<List<Utterance>, List<ModelBelief>> model;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final List<String> requested = new ArrayList<>();
  private final Set<String> answered = new LinkedHashSet<>();
  private CountDownLatch hold;
  private int answering;
  private int held;
  private int holdAfter = Integer.MAX_VALUE;

  FakeOpenAi() throws IOException {
    this(OfflineBeliefRules::find);
  }

  /** Answers with what {@code model} says of each chunk's utterances. */
  FakeOpenAi(Function<List<Utterance>, List<ModelBelief>> model) throws IOException {
    this.model = model;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/v1/chat/completions", this::answer);
    server.createContext("/v1/models", FakeOpenAi::models);
    server.setExecutor(threads);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The chunks asked about, one per request, in arrival order. */
  synchronized List<String> requested() {
    return List.copyOf(requested);
  }

  /** How many answers were sent in full. */
  synchronized int answered() {
    return answered.size();
  }

  /**
   * Answers the first {@code answers} requests, then holds every later one until {@link
   * #release()}: the job is stopped at that point however fast it runs.
   */
  synchronized FakeOpenAi holdAfter(int answers) {
    holdAfter = answers;
    return this;
  }

  /**
   * Waits until {@code answers} answers were sent in full and none is being sent.
   *
   * @return false if that did not happen within {@code guard}
   */
  synchronized boolean awaitAnswered(int answers, Duration guard) throws InterruptedException {
    long deadline = System.nanoTime() + guard.toNanos();
    while (answered.size() < answers || answering > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Waits until {@code requests} requests are held.
   *
   * @return false if that did not happen within {@code guard}
   */
  synchronized boolean awaitHeld(int requests, Duration guard) throws InterruptedException {
    long deadline = System.nanoTime() + guard.toNanos();
    while (held < requests) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** No answer is being sent right now. */
  synchronized boolean settled() {
    return answering == 0;
  }

  /** The chunks asked about and not answered. */
  synchronized Set<String> inFlight() {
    Set<String> unanswered = new LinkedHashSet<>(requested);
    unanswered.removeAll(answered);
    return unanswered;
  }

  /** Lets held answers go (to whoever still listens) and answers at once from now on. */
  synchronized void release() {
    holdAfter = Integer.MAX_VALUE;
    if (hold != null) {
      hold.countDown();
      hold = null;
    }
  }

  private static void models(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body =
          ("{\"object\": \"list\", \"data\": [{\"id\": \"" + MODEL + "\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      String chunk = request.path("messages").path(1).path("content").asText();
      synchronized (this) {
        requested.add(chunk);
      }
      CountDownLatch latch;
      synchronized (this) {
        if (hold == null && answered.size() + answering >= holdAfter) {
          hold = new CountDownLatch(1);
        }
        latch = hold;
        if (latch == null) {
          answering++;
        } else {
          held++;
          notifyAll();
        }
      }
      if (latch != null) {
        try {
          latch.await();
        } finally {
          synchronized (this) {
            held--;
          }
        }
        return;
      }
      try {
        byte[] body = completion(chunk).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        synchronized (this) {
          answered.add(chunk);
        }
      } finally {
        synchronized (this) {
          answering--;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String completion(String userMessage) {
    String content = BeliefAnswer.write(model.apply(utterances(userMessage)));
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("model", MODEL);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
    ObjectNode usage = root.putObject("usage");
    usage
        .put("prompt_tokens", PROMPT_TOKENS)
        .put("completion_tokens", COMPLETION_TOKENS)
        .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
    return root.toString();
  }

  /** The chunk's utterances, read back from its rendered {@code [uN] Speaker: text} lines. */
  private static List<Utterance> utterances(String userMessage) {
    String text =
        userMessage.startsWith(USER_PREFIX)
            ? userMessage.substring(USER_PREFIX.length())
            : userMessage;
    List<Utterance> utterances = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher rendered = RENDERED_LINE.matcher(line);
      if (rendered.matches()) {
        utterances.add(
            new Utterance(
                Integer.parseInt(rendered.group(1)),
                rendered.group(2),
                null,
                null,
                rendered.group(3)));
      } else if (!utterances.isEmpty()) {
        Utterance last = utterances.remove(utterances.size() - 1);
        utterances.add(
            new Utterance(last.index(), last.speaker(), null, null, last.text() + "\n" + line));
      }
    }
    return utterances;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
