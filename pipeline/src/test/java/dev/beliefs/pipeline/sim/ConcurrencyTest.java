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

  private static final Duration LATENCY = Duration.ofSeconds(3);

  @Test
  void aHundredConcurrentRequestsWithAFixedLatency_allFinishInAboutOneLatency() throws Exception {
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
      // In a queue of even 10 at a time they would take 10 latencies; side by side, about one.
      assertTrue(elapsed.compareTo(LATENCY) >= 0, "elapsed " + elapsed);
      assertTrue(elapsed.compareTo(LATENCY.multipliedBy(2)) < 0, "elapsed " + elapsed);
      StatsSnapshot stats = simulator.stats();
      assertTrue(stats.maxInFlight() >= 100, "max in flight " + stats.maxInFlight());
      assertEquals(0, stats.inFlight());
      assertEquals(100, stats.serviceTimesMs().size());
      assertTrue(stats.serviceTimesMs().stream().allMatch(ms -> ms == LATENCY.toMillis()));
    }
  }
}
