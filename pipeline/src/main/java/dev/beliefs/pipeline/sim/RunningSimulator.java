package dev.beliefs.pipeline.sim;

import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;

/**
 * A simulator serving on 127.0.0.1 until {@link #close()}. Stats and {@link #reset()} are the same
 * as {@code GET /sim/stats} and {@code POST /sim/reset}.
 */
public final class RunningSimulator implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ExecutorService timer;
  private final SimulatorStats stats;
  private final Runnable reset;

  RunningSimulator(
      HttpServer server,
      ExecutorService handlers,
      ExecutorService timer,
      SimulatorStats stats,
      Runnable reset) {
    this.server = server;
    this.handlers = handlers;
    this.timer = timer;
    this.stats = stats;
    this.reset = reset;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** For example {@code http://127.0.0.1:8000/v1}: what a client takes as its base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public StatsSnapshot stats() {
    return stats.snapshot();
  }

  /**
   * Back to the state at start: stats cleared, every request body unseen (so fault draws repeat),
   * rate-limit buckets full. Meant for between benchmark rows, with nothing in flight.
   */
  public void reset() {
    reset.run();
  }

  /** Stops at once: requests in flight and held by a timeout fault are dropped. */
  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    handlers.shutdownNow();
  }
}
