package dev.beliefs.pipeline.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP gate between the job and the simulator, on 127.0.0.1: forwards every request as it comes,
 * logs which chunk each chat completion asked for and whether its answer was delivered, and on
 * demand holds answers back. A held answer has reached the simulator, which counts and bills it;
 * the job does not have it: that request is in flight for as long as the test wants.
 *
 * <p>The log is the test's own, independent of the job's code and of the simulator's statistics: a
 * chunk is named by the first utterance and the number of lines of the prompt's chunk, as sent.
 */
final class RecordingGate implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade", "expect");

  /**
   * One chat completion request: its chunk, when it came, whether its answer waits at the gate or
   * reached the job, and the usage the answer bills (0 for an error).
   */
  record Asked(
      int number,
      String chunk,
      Instant received,
      boolean held,
      boolean delivered,
      long promptTokens,
      long completionTokens) {

    Asked holding(boolean held) {
      return new Asked(number, chunk, received, held, delivered, promptTokens, completionTokens);
    }
  }

  private final String upstream;
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Asked> log = new ArrayList<>();
  private boolean holding;

  private RecordingGate(String upstream) throws IOException {
    this.upstream = upstream.replaceAll("/v1/?$", "");
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.createContext("/", this::forward);
    server.setExecutor(handlers);
    server.start();
  }

  /** A gate in front of the OpenAI-compatible server at {@code baseUrl} ({@code .../v1}). */
  static RecordingGate inFrontOf(String baseUrl) throws IOException {
    return new RecordingGate(baseUrl);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** From now on, answers wait at the gate until {@link #open()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Delivers the held answers, and every later one as it comes. */
  synchronized void open() {
    holding = false;
    notifyAll();
  }

  /** The log so far. */
  synchronized List<Asked> log() {
    return List.copyOf(log);
  }

  /** The chunks whose answers wait at the gate now. */
  synchronized Set<String> heldChunks() {
    Set<String> held = new TreeSet<>();
    log.stream().filter(Asked::held).forEach(asked -> held.add(asked.chunk()));
    return held;
  }

  /** How often each chunk was asked for. */
  synchronized Map<String, Integer> timesAsked() {
    Map<String, Integer> times = new TreeMap<>();
    log.forEach(asked -> times.merge(asked.chunk(), 1, Integer::sum));
    return times;
  }

  /** Chunks asked for more than once. */
  Set<String> askedTwice() {
    Set<String> twice = new TreeSet<>();
    timesAsked()
        .forEach(
            (chunk, times) -> {
              if (times > 1) {
                twice.add(chunk);
              }
            });
    return twice;
  }

  /** Waits until the log satisfies {@code condition}; fails after {@code timeout}. */
  synchronized void await(Predicate<List<Asked>> condition, String what, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(log)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("waited " + timeout + " for " + what + "; log: " + log);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean chat = exchange.getRequestURI().getPath().endsWith("/chat/completions");
      int number = chat ? received(chunkOf(body)) : -1;
      HttpResponse<byte[]> answer = ask(exchange, body);
      if (number >= 0) {
        awaitOpen(number);
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
              });
      boolean delivered;
      try {
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
        delivered = true;
      } catch (IOException e) {
        delivered = false;
      }
      if (number >= 0) {
        answered(number, delivered, answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<byte[]> ask(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
            .timeout(Duration.ofMinutes(10))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private synchronized int received(String chunk) {
    log.add(new Asked(log.size(), chunk, Instant.now(), false, false, 0, 0));
    notifyAll();
    return log.size() - 1;
  }

  /** Waits while the gate holds answers. */
  private synchronized void awaitOpen(int number) throws InterruptedException {
    if (holding) {
      log.set(number, log.get(number).holding(true));
      notifyAll();
      while (holding) {
        wait();
      }
      log.set(number, log.get(number).holding(false));
    }
  }

  private synchronized void answered(int number, boolean delivered, HttpResponse<byte[]> answer) {
    Asked asked = log.get(number);
    long prompt = 0;
    long completion = 0;
    if (answer.statusCode() == 200) {
      try {
        JsonNode usage = Json.MAPPER.readTree(answer.body()).path("usage");
        prompt = usage.path("prompt_tokens").asLong();
        completion = usage.path("completion_tokens").asLong();
      } catch (IOException e) {
        // Not JSON: the simulator's malformed answers are content, not body; nothing billed here.
      }
    }
    log.set(
        number,
        new Asked(number, asked.chunk(), asked.received(), false, delivered, prompt, completion));
    notifyAll();
  }

  /**
   * A chunk's name from its request: the first utterance of the last message's chunk and its number
   * of lines, such as {@code u12+5}.
   */
  static String chunkOf(byte[] body) throws IOException {
    JsonNode messages = Json.MAPPER.readTree(body).path("messages");
    String text = messages.path(messages.size() - 1).path("content").asText();
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.matches("\\[u\\d+] .*")) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return "unknown-" + Integer.toHexString(text.hashCode());
    }
    return lines.get(0).substring(1, lines.get(0).indexOf(']')) + "+" + lines.size();
  }

  /** For assertion messages: the log's counts. */
  synchronized Map<String, Object> describe() {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("requests", log.size());
    counts.put("held", log.stream().filter(Asked::held).count());
    counts.put("delivered", log.stream().filter(Asked::delivered).count());
    counts.put("asked_twice", askedTwice());
    return counts;
  }

  @Override
  public void close() {
    open();
    server.stop(0);
    handlers.shutdownNow();
  }
}
