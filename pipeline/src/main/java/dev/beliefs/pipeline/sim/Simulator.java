package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpServer;
import dev.beliefs.pipeline.sim.accounting.PromptCache;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An OpenAI-compatible server for tests and benchmarks, on 127.0.0.1 only: {@code POST
 * /v1/chat/completions} answered by the offline extractor with OpenAI's body, usage counted by the
 * simulator's own accounting ({@link dev.beliefs.pipeline.sim.accounting}) with prompt caching, an
 * answer-length and latency model with seeded noise, RPM/TPM limits with {@code x-ratelimit-*}
 * headers and 429s, and seeded faults; {@code GET /v1/models}; the Files and Batch APIs for batches
 * of chat completions ({@link Batches}); {@code GET /sim/stats} and {@code POST /sim/reset}.
 *
 * <p>The JDK's HTTP server reads requests on a small pool; answers are then scheduled for the
 * moment the latency model gives, so hundreds of requests can wait at once without a thread each.
 */
public final class Simulator {

  private static final InetAddress LOOPBACK = loopback();

  /** Connections waiting to be accepted: enough for a benchmark's burst. */
  private static final int BACKLOG = 1024;

  /** What {@code GET /v1/models} lists. */
  static final List<String> MODELS =
      List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano");

  private static final int HANDLER_THREADS =
      Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  static {
    // The JDK's server reads these once, when its first server starts. It writes headers and body
    // separately without TCP_NODELAY: with the client's delayed ACK, every answer would arrive
    // some 40 ms late.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // By default it closes every idle connection beyond 200, right after answering on it, as no
    // API server does; clients would write their next request into a closed socket.
    if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
      System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
    }
  }

  private Simulator() {}

  /**
   * @throws IOException the port cannot be bound (in use, or not allowed)
   */
  public static RunningSimulator start(SimulatorConfig config) throws IOException {
    Tokenizer tokenizer = new Tokenizer();
    warmUp(tokenizer);
    RateLimiter limiter = new RateLimiter(config.requestsPerMinute(), config.tokensPerMinute());
    RequestDraws draws = new RequestDraws(config.faults(), config.seed());
    @Nullable PromptCache promptCache =
        config.promptCache() ? new PromptCache(config.promptCacheTtl()) : null;
    SimulatorStats stats = new SimulatorStats(config.requestsPerMinute(), config.tokensPerMinute());
    ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(2, daemonThreads("simulator-timer"));
    ExecutorService handlers =
        Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("simulator-handler"));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(LOOPBACK, config.port()), BACKLOG);
    } catch (IOException e) {
      timer.shutdownNow();
      handlers.shutdownNow();
      throw e;
    }
    Runnable reset =
        () -> {
          stats.reset();
          draws.reset();
          limiter.reset();
          if (promptCache != null) {
            promptCache.clear();
          }
        };
    ChatCompletions chat =
        new ChatCompletions(config, limiter, draws, tokenizer, promptCache, stats, timer);
    Files files = new Files(stats);
    BatchLifecycle batchLifecycle =
        new BatchLifecycle(
            BatchLifecycle.Scheduler.scaled(timer, config),
            new BatchRequests(config, draws, tokenizer, stats),
            files,
            Batches.ENDPOINT,
            config.maxBatchRequests());
    Batches batches = new Batches(files, new BatchStore(), batchLifecycle, stats);
    server.createContext(
        "/", new Routes(chat, files, batches, config.apiKey(), limiter, stats, reset, MODELS));
    server.setExecutor(handlers);
    server.start();
    return new RunningSimulator(server, handlers, timer, stats, reset);
  }

  /**
   * Loads the tokenizer's vocabulary and the extractor's patterns now, so that they do not add a
   * second to the first request's latency.
   */
  private static void warmUp(Tokenizer tokenizer) {
    SimulatedModel.answer(
        new ChatRequest(
            "warm-up", List.of(), "[u0] A: I think this is warm.", true, 16, new byte[0]));
    tokenizer.count("warm up");
  }

  /** 127.0.0.1 itself, not whatever the loopback name resolves to (::1 on some hosts). */
  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
