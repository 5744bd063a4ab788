package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answer-length and latency models: their noise, its seed, and their calibration. */
class LatencyModelTest {

  private static final LatencyModel NO_NOISE = new LatencyModel(0.5, 0.001, 0.01, 0, 0);

  @Test
  void withoutNoise_serviceTimeIsTimeToFirstTokenPlusPromptReadPlusWriting_scaled() {
    CallDraw draw = draw(1, "body", 0);

    assertEquals(Duration.ofMillis(3500), NO_NOISE.serviceTime(1000, 200, 1.0, draw));
    assertEquals(Duration.ofMillis(35), NO_NOISE.serviceTime(1000, 200, 0.01, draw));
    assertEquals(Duration.ZERO, NO_NOISE.serviceTime(1000, 200, 0, draw));
  }

  @Test
  void theLatencyNoiseIsAFunctionOfSeedBodyAndTimesSeen() {
    LatencyModel model = LatencyModel.DEFAULT;

    Duration first = model.serviceTime(500, 550, 1.0, draw(7, "a request", 0));

    assertEquals(first, model.serviceTime(500, 550, 1.0, draw(7, "a request", 0)));
    assertNotEquals(first, model.serviceTime(500, 550, 1.0, draw(8, "a request", 0)));
    assertNotEquals(first, model.serviceTime(500, 550, 1.0, draw(7, "another request", 0)));
    assertNotEquals(first, model.serviceTime(500, 550, 1.0, draw(7, "a request", 1)));
  }

  @Test
  void theAnswerLengthIsAFunctionOfSeedAndWhatIsAsked_notOfHowItIsWrittenNorOfMaxTokens()
      throws Exception {
    String body =
        "{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    String reordered =
        "{\"messages\":[{\"content\":\"x\",\"role\":\"user\"}], \"model\":\"m\",\"max_tokens\":200}";
    String other =
        "{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}";

    int length = AnswerLength.DEFAULT.draw(300, 7, answerKey(body));

    assertEquals(length, AnswerLength.DEFAULT.draw(300, 7, answerKey(body)));
    assertEquals(length, AnswerLength.DEFAULT.draw(300, 7, answerKey(reordered)));
    assertNotEquals(length, AnswerLength.DEFAULT.draw(300, 8, answerKey(body)));
    assertNotEquals(length, AnswerLength.DEFAULT.draw(300, 7, answerKey(other)));
  }

  @Test
  void callsOfTheSameSize_differSeveralfold_aroundTheirMean() {
    List<Double> seconds = new ArrayList<>();
    for (int call = 0; call < 200; call++) {
      CallDraw draw = draw(20240601L, "call " + call, 0);
      int completion = AnswerLength.DEFAULT.draw(300, 20240601L, draw.bodyHash());
      seconds.add(LatencyModel.DEFAULT.serviceTime(500, completion, 1.0, draw).toMillis() / 1e3);
    }

    double min = seconds.stream().mapToDouble(d -> d).min().orElseThrow();
    double max = seconds.stream().mapToDouble(d -> d).max().orElseThrow();
    double mean = seconds.stream().mapToDouble(d -> d).average().orElseThrow();
    double expected =
        LatencyModel.DEFAULT.expectedSeconds(
            500, Math.round(AnswerLength.DEFAULT.expectedTokens(300)));
    assertTrue(max / min >= 4, "slowest " + max + " s, fastest " + min + " s");
    assertEquals(expected, mean, 0.1 * expected, "mean of 200 calls");
  }

  /**
   * The calibration of the defaults: the prototype's workload (the first 17 utterances of the NASA
   * transcript, levels [1,5], cheap mode: 16 requests here) is expected to take 14.3 s per call and
   * to write 550 completion tokens per call, as the prototype's gpt-4o-mini calls did.
   */
  @Test
  void theDefaultsExpectThePrototypesWorkloadToTake14Point3SecondsAnd550TokensPerCall()
      throws Exception {
    List<Chunk> chunks = NasaChunks.cut(17, List.of(1, 5), 20);
    double seconds = 0;
    double completion = 0;

    for (Chunk chunk : chunks) {
      ChatRequest request =
          ChatRequest.parse(
              Json.MAPPER.writeValueAsBytes(
                  new ChatSettings("gpt-4o-mini", 0, 1, 1500).requestBody(chunk.text(), 1500)),
              16_384);
      double tokens = AnswerLength.DEFAULT.expectedTokens(request.userWords());
      long uncached = DocumentedCounts.promptTokens(chunk) - 1536;
      completion += tokens;
      seconds += LatencyModel.DEFAULT.expectedSeconds(uncached, Math.round(tokens));
    }

    assertEquals(16, chunks.size());
    assertEquals(550, completion / chunks.size(), 5);
    assertEquals(14.3, seconds / chunks.size(), 0.1);
  }

  private static byte[] answerKey(String body) throws Exception {
    return ChatRequest.parse(body.getBytes(StandardCharsets.UTF_8), 16_384).answerKey();
  }

  private static CallDraw draw(long seed, String body, int seenBefore) {
    return new CallDraw(
        seed,
        FaultPlan.sha256().digest(body.getBytes(StandardCharsets.UTF_8)),
        seenBefore,
        Optional.empty());
  }
}
