package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Usage;
import dev.beliefs.parse.formats.LabelledTextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract} finds what would waste the run before it spends (a wrong key, an output it cannot
 * write), stops asking when the account is refused, and counts what it could not see: answers lost
 * in flight and requests answered by an identical one. The requests are counted at a small server
 * of this test's own.
 */
class FailFastTest {

  private static final String KEY = String.join("-", "sk", "right", "key", "of", "this", "test");
  private static final String WRONG_KEY =
      String.join("-", "sk", "wrong", "key", "do", "not", "echo");
  private static final int UTTERANCES = 6;

  @TempDir Path temp;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private Api api;
  private Path input;

  @BeforeEach
  void startServerAndWriteATranscript() throws IOException {
    api = new Api();
    input = Files.createDirectories(temp.resolve("in"));
    Files.writeString(input.resolve("talk.txt"), transcript());
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  private int extract(@Nullable String key, String... args) {
    return new ExtractCommand(
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            () -> key)
        .run(args);
  }

  private int extractOnline(@Nullable String key, Path output, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--input=" + input + "/*.txt",
                "--output=" + output,
                "--baseUrl=" + api.baseUrl(),
                "--model=gpt-4o-mini",
                "--levels=1"));
    args.addAll(List.of(more));
    return extract(key, args.toArray(String[]::new));
  }

  private List<String> errorLines() {
    return stderr.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aWrongKey_exitsTwoWithOneLine_andNotOneChatCompletionIsSent() {
    int exit = extractOnline(WRONG_KEY, temp.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertEquals(1, errorLines().size(), stderr.toString());
    assertTrue(errorLines().get(0).startsWith("error: the API key was refused"), stderr.toString());
    assertFalse(stderr.toString().contains(WRONG_KEY), "the key must not be echoed");
    assertEquals(1, api.models.get());
    assertEquals(0, api.chats.get());
  }

  @Test
  void anAccountWithoutCredit_isFoundBeforeTheRun_andNotOneChatCompletionIsSent() {
    api.noCredit = true;

    int exit = extractOnline(KEY, temp.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertEquals(1, errorLines().size(), stderr.toString());
    assertTrue(
        errorLines().get(0).startsWith("error: the account has no credit left"), stderr.toString());
    assertEquals(0, api.chats.get());
  }

  @Test
  void aServerThatCannotBeReached_exitsTwoWithOneLine() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        extract(
            KEY,
            "--input=" + input + "/*.txt",
            "--output=" + temp.resolve("out"),
            "--baseUrl=http://127.0.0.1:" + closedPort + "/v1",
            "--model=gpt-4o-mini");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertEquals(1, errorLines().size(), stderr.toString());
    assertTrue(
        errorLines().get(0).startsWith("error: cannot reach http://127.0.0.1:" + closedPort),
        stderr.toString());
  }

  @Test
  void anOutputThatCannotBeWritten_exitsTwoWithOneLine_andNothingIsSent() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("a-file"), "in the way");

    int exit = extractOnline(KEY, notADirectory.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertEquals(1, errorLines().size(), stderr.toString());
    assertTrue(
        errorLines().get(0).startsWith("error: --output=" + notADirectory.resolve("out")),
        stderr.toString());
    assertTrue(errorLines().get(0).contains("cannot be written"), stderr.toString());
    assertEquals(0, api.models.get() + api.chats.get());
  }

  @Test
  void anOutputThatCannotBeWritten_failsAnOfflineRunToo() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("a-file"), "in the way");

    int exit =
        extract(null, "--input=" + input + "/*.txt", "--output=" + notADirectory.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertEquals(1, errorLines().size(), stderr.toString());
    assertTrue(errorLines().get(0).contains("cannot be written"), stderr.toString());
  }

  @Test
  void noCreditLeft_stopsAsking_recordsEveryUnansweredChunk_andExitsTwo() throws Exception {
    // The credit ran out after the check before the run: the first chat completions find it.
    api.noCredit = true;
    api.creditCheckedOnlyByChat = true;
    Path out = temp.resolve("out");

    int exit = extractOnline(KEY, out, "--workers=2");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    List<String> errors = errorLines().stream().filter(line -> line.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), stderr.toString());
    assertTrue(
        errors.get(0).startsWith("error: the account has no credit left (429 insufficient_quota)"),
        stderr.toString());
    assertTrue(errors.get(0).contains(UTTERANCES + " chunks were not answered"), errors.get(0));
    assertTrue(
        api.chats.get() >= 1 && api.chats.get() <= 2, "at most the 2 in flight: " + api.chats);
    List<JsonNode> failures = TestFiles.jsonLines(out.resolve("failures/failures.jsonl"));
    assertEquals(UTTERANCES, failures.size());
    for (JsonNode failure : failures) {
      assertEquals("insufficient_quota", failure.get("reason").asText(), failure.toString());
    }
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(UTTERANCES, summary.at("/failure_reasons/insufficient_quota").asInt());
    assertEquals(api.chats.get(), summary.get("requests").asInt());
    JsonNode run = TestFiles.jsonLines(out.resolve("runs.jsonl")).get(0);
    assertEquals(ExitCode.BAD_CONFIGURATION, run.get("exit_code").asInt());
  }

  @Test
  void aKeyRefusedByAServerWithoutModels_stopsAtTheFirstRefusal_andExitsTwo() throws Exception {
    api.listsModels = false;
    Path out = temp.resolve("out");

    int exit = extractOnline(WRONG_KEY, out, "--workers=2");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit, stderr.toString());
    assertTrue(
        errorLines().get(0).startsWith("warning: could not check the API key"), stderr.toString());
    assertTrue(
        errorLines().stream().anyMatch(l -> l.startsWith("error: the API key was refused")),
        stderr.toString());
    assertTrue(api.chats.get() <= 2, "at most the 2 in flight: " + api.chats);
    assertFalse(Files.readString(out.resolve("failures/failures.jsonl")).contains(WRONG_KEY));
  }

  @Test
  void answersLostInFlight_areCountedWithTheMostTheyCanCost() throws Exception {
    api.dropFirstAsk = true;
    Path out = temp.resolve("out");

    int exit = extractOnline(KEY, out);

    assertEquals(ExitCode.OK, exit, stderr.toString());
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(UTTERANCES, summary.get("lost_requests").asInt());
    assertEquals(2 * UTTERANCES, summary.get("requests").asInt());
    assertEquals(2 * UTTERANCES, api.chats.get());
    assertEquals(
        0,
        worstCaseOfOneAskEach().compareTo(summary.get("lost_cost_bound_usd").decimalValue()),
        summary.get("lost_cost_bound_usd").toString());
    assertEquals(
        0,
        Api.PRICE_PER_ANSWER
            .multiply(BigDecimal.valueOf(UTTERANCES))
            .compareTo(summary.get("cost_usd").decimalValue()),
        "only the answers that came back are in cost_usd");
  }

  @Test
  void twoIdenticalTranscriptsUnderOtherNames_arePaidOnce_theOtherIsDeduplicated()
      throws Exception {
    Files.writeString(input.resolve("talk-copy.txt"), transcript());
    Path out = temp.resolve("out");

    int exit = extractOnline(KEY, out, "--workers=4");

    assertEquals(ExitCode.OK, exit, stderr.toString());
    assertEquals(UTTERANCES, api.chats.get());
    JsonNode summary = Json.MAPPER.readTree(out.resolve("run-summary.json").toFile());
    assertEquals(2 * UTTERANCES, summary.get("chunks").asInt());
    assertEquals(UTTERANCES, summary.get("requests").asInt());
    assertEquals(UTTERANCES, summary.get("deduplicated").asInt());
    assertEquals(0, summary.get("cache_hits").asInt());
    assertEquals(
        Files.readString(out.resolve("beliefs/talk.jsonl")).replace("\"talk\"", "\"x\""),
        Files.readString(out.resolve("beliefs/talk-copy.jsonl")).replace("\"talk-copy\"", "\"x\""));
  }

  /**
   * What the requests of the transcript's chunks can cost at most: prompts uncached, all tokens.
   */
  private static BigDecimal worstCaseOfOneAskEach() throws Exception {
    ModelPrice mini = PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();
    Transcript transcript =
        new Transcript(
            "talk", "file:/talk.txt", "sha", "text", new LabelledTextFormat().parse(transcript()));
    BigDecimal bound = BigDecimal.ZERO;
    for (Chunk chunk :
        new ChunkPlan(List.of(1), 8).cut(transcript, ExtractionPrompt.sizer()).kept()) {
      bound = bound.add(mini.cost(new Usage(chunk.estimatedPromptTokens(), 0, 1500)));
    }
    return bound;
  }

  private static String transcript() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < UTTERANCES; i++) {
      text.append(i % 2 == 0 ? "Ana" : "Ben")
          .append(": I think the station camera number ")
          .append(i)
          .append(" takes the best pictures of the Earth.\n");
    }
    return text.toString();
  }

  /**
   * An OpenAI-compatible API with one key: {@code GET /v1/models} and chat completions that answer
   * no beliefs, or 429 {@code insufficient_quota}, or drop the first ask of each chunk. Counts what
   * it is asked.
   */
  private static final class Api implements AutoCloseable {

    static final BigDecimal PRICE_PER_ANSWER = new BigDecimal("0.00021");

    final AtomicInteger models = new AtomicInteger();
    final AtomicInteger chats = new AtomicInteger();
    volatile boolean listsModels = true;
    volatile boolean noCredit;
    volatile boolean creditCheckedOnlyByChat;
    volatile boolean dropFirstAsk;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    Api() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/v1/models", this::models);
      server.createContext("/v1/chat/completions", this::chat);
      server.setExecutor(threads);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void models(HttpExchange exchange) throws IOException {
      models.incrementAndGet();
      if (!listsModels) {
        reply(exchange, 404, error("invalid_request_error", "unknown_url", "Unknown URL"));
      } else if (refused(exchange)) {
        reply(exchange, 401, badKey(exchange));
      } else if (noCredit && !creditCheckedOnlyByChat) {
        reply(exchange, 429, noCredit());
      } else {
        reply(exchange, 200, "{\"object\": \"list\", \"data\": [{\"id\": \"gpt-4o-mini\"}]}");
      }
    }

    private void chat(HttpExchange exchange) throws IOException {
      chats.incrementAndGet();
      JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      String chunk = request.at("/messages/1/content").asText();
      if (refused(exchange)) {
        reply(exchange, 401, badKey(exchange));
      } else if (noCredit) {
        reply(exchange, 429, noCredit());
      } else if (dropFirstAsk && asked.add(chunk)) {
        exchange.close();
      } else {
        reply(exchange, 200, completion());
      }
    }

    private static String noCredit() {
      return error("insufficient_quota", "insufficient_quota", "You exceeded your current quota");
    }

    private boolean refused(HttpExchange exchange) {
      return !("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    /** Unlike OpenAI, which masks it, echoes the key it refused. */
    private static String badKey(HttpExchange exchange) {
      String sent = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      return error("invalid_request_error", "invalid_api_key", "Incorrect API key: " + sent);
    }

    private static String error(String type, String code, String message) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.putObject("error").put("message", message).put("type", type).put("code", code);
      return root.toString();
    }

    /** 1,000 prompt and 100 completion tokens: $0.00021 at gpt-4o-mini's price. */
    private static String completion() {
      ObjectNode root = Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini");
      ObjectNode choice = root.putArray("choices").addObject().put("finish_reason", "stop");
      choice.putObject("message").put("content", BeliefAnswer.write(List.of()));
      root.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 100);
      return root.toString();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
