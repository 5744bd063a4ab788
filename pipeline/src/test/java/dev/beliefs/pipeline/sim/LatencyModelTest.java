package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.ChatSettings;
import dev.beliefs.extract.Tokens;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  @Test
  void serviceTimeIsTimeToFirstTokenPlusPerTokenTimes_scaled() {
    LatencyModel model = new LatencyModel(0.5, 0.001, 0.01);

    assertEquals(Duration.ofMillis(3500), model.serviceTime(1000, 200, 1.0));
    assertEquals(Duration.ofMillis(35), model.serviceTime(1000, 200, 0.01));
    assertEquals(Duration.ZERO, model.serviceTime(1000, 200, 0));
  }

  /**
   * The calibration of {@link LatencyModel#DEFAULT}: the prototype's workload (the first 17
   * utterances of the NASA transcript, levels [1,5], cheap mode) averages about 14 s per call, as
   * the prototype's gpt-4o-mini calls did, and its slowest call about 30 s. The answers are the
   * offline rules', so the mean moves with what they find (15 to 17 s, the slowest 35 to 40 s,
   * since they read every sentence; 13.5 to 15.5 s and 25 to 35 s before).
   */
  @Test
  void theDefaultsGiveThePrototypesWorkloadAbout14SecondsPerCall() throws Exception {
    List<Chunk> chunks = NasaChunks.cut(17, List.of(1, 5), 20);
    double totalSeconds = 0;
    double slowestSeconds = 0;

    for (Chunk chunk : chunks) {
      ChatRequest request =
          ChatRequest.parse(
              Json.MAPPER.writeValueAsBytes(
                  new ChatSettings("gpt-4o-mini", 0, 1, 1500).requestBody(chunk.text(), 1500)),
              16_384);
      int completion = Tokens.count(SimulatedModel.answer(request));
      double seconds =
          LatencyModel.DEFAULT.serviceTime(request.promptTokens(), completion, 1.0).toMillis()
              / 1000.0;
      totalSeconds += seconds;
      slowestSeconds = Math.max(slowestSeconds, seconds);
    }

    assertEquals(16, chunks.size());
    double mean = totalSeconds / chunks.size();
    assertTrue(mean > 13 && mean < 17.5, "mean " + mean + " s");
    assertTrue(slowestSeconds > 25 && slowestSeconds < 42, "slowest " + slowestSeconds + " s");
  }
}
