package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Requests in flight wait side by side, not in a queue. */
class ConcurrencyTest {

  /**
   * Long enough for all hundred requests to arrive before the first is answered, even on a busy
   * machine: then every one of them is in flight at once.
   */
  private static final Duration LATENCY = Duration.ofSeconds(10);

  @Test
  void aHundredConcurrentRequestsWithAFixedLatency_areAllInFlightAtOnce() throws Exception {
    String body = SimHttp.chatBody(NasaChunks.withBeliefs(), 1500);
    try (RunningSimulator simulator =
        Simulator.start(SimulatorConfig.builder().latency(LatencyModel.fixed(LATENCY)).build())) {
      SimHttp http = new SimHttp(simulator);
      http.chat(body, null); // loads the tokenizer and warms the JIT
      simulator.reset();

      long start = System.nanoTime();
      List<CompletableFuture<SimHttp.Response>> sent = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        sent.add(http.chatAsync(body));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      for (CompletableFuture<SimHttp.Response> response : sent) {
        assertEquals(200, response.get().status());
      }
      assertTrue(elapsed.compareTo(LATENCY) >= 0, "elapsed " + elapsed);
      // In a queue of even 10 at a time at most 10 would be in flight; side by side, all 100. How
      // long they took depends on the machine's load; how many were in flight at once does not.
      StatsSnapshot stats = simulator.stats();
      assertTrue(stats.maxInFlight() >= 100, "max in flight " + stats.maxInFlight());
      assertEquals(0, stats.inFlight());
      assertEquals(100, stats.serviceTimesMs().size());
      assertTrue(stats.serviceTimesMs().stream().allMatch(ms -> ms == LATENCY.toMillis()));
    }
  }
}
