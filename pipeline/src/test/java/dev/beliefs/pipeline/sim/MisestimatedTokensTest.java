package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.BeliefExtractor;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.openai.OpenAiExtractor;
import dev.beliefs.extract.openai.OpenAiSettings;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Utterance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job copes with a server whose token count is not its own. The job's extractors admit requests
 * by their prompt-token estimate plus max_tokens, and learn the limits from the headers; the
 * simulator charges characters / 4 plus max_tokens. Here the job's prompt estimate is further made
 * 20% too low or too high, and a run that the tokens-per-minute limit paces from its first request
 * must still see at most 1% of its requests answered 429, and answer every chunk.
 *
 * <p>Small scale: 170 requests against 1.8 million tokens a minute, after one request of the test's
 * own has taken all but 20,000 of the first minute's tokens, so that the limit paces the run rather
 * than the bucket's first fill. Only counts are asserted; a slower machine sends more slowly and
 * meets the limit less, never more.
 */
class MisestimatedTokensTest {

  private static final long TOKENS_PER_MINUTE = 1_800_000;
  private static final int MAX_TOKENS = 1500;
  private static final int WORKERS = 24;

  /**
   * Tokens left for the job's first requests: more than its workers' first requests take, sent
   * before any response has told it the limits.
   */
  private static final long LEFT = 200_000;

  @ParameterizedTest(name = "prompt estimate x {0}")
  @ValueSource(doubles = {0.8, 1.2})
  void withThePromptEstimateOffBy20Percent_atMostOnePercentOfRequestsAreAnswered429(double skew)
      throws Exception {
    List<Chunk> chunks = slidingWindows(skew);
    try (RunningSimulator simulator =
        Simulator.start(
            SimulatorConfig.builder().timeScale(0.05).tokensPerMinute(TOKENS_PER_MINUTE).build())) {
      takeAllButTheLastFewRequestsTokens(simulator);

      List<String> failures = extractAll(factory(simulator), chunks);

      StatsSnapshot stats = simulator.stats();
      long jobRequests = stats.requests() - 1;
      assertEquals(List.of(), failures);
      assertTrue(stats.withStatus(200) - 1 >= chunks.size(), stats.requestsByStatus().toString());
      assertTrue(
          stats.withStatus(429) <= 0.01 * jobRequests,
          stats.withStatus(429) + " of " + jobRequests + " requests answered 429");
    }
  }

  /** Windows of 1 to 4 utterances starting at every utterance: distinct requests. */
  private static List<Chunk> slidingWindows(double skew) throws Exception {
    List<Utterance> utterances =
        NasaChunks.all().stream()
            .filter(c -> c.level() == 1)
            .map(c -> c.utterances().get(0))
            .toList();
    List<Chunk> chunks = new ArrayList<>();
    for (int size = 1; size <= 4; size++) {
      for (int first = 0; first + size <= utterances.size(); first++) {
        List<Utterance> window = utterances.subList(first, first + size);
        String text = new Chunk("t", "s", size, first, window, 0).text();
        int estimate = ExtractionPrompt.sizer().promptTokens(text);
        chunks.add(new Chunk("t", "s", size, first, window, (int) Math.round(estimate * skew)));
      }
    }
    return chunks;
  }

  /** One request of the test's own, so that the job meets an almost empty bucket. */
  private static void takeAllButTheLastFewRequestsTokens(RunningSimulator simulator)
      throws Exception {
    Chunk chunk = NasaChunks.withBeliefs();
    long promptCharge = DocumentedCounts.rateLimitCharge(chunk, 0);
    int maxTokens = (int) (TOKENS_PER_MINUTE - LEFT - promptCharge);

    SimHttp.Response drain = new SimHttp(simulator).chat(SimHttp.chatBody(chunk, maxTokens), null);

    assertEquals(200, drain.status(), drain.text());
  }

  private static BeliefExtractorFactory factory(RunningSimulator simulator) {
    return OpenAiExtractor.factory(
        OpenAiSettings.builder()
            .baseUrl(simulator.baseUrl())
            .chat(new ChatSettings(SimHttp.MODEL, 0.0, 1, MAX_TOKENS))
            .apiKeySource(() -> "sk-test")
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .retry(new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(10)))
            .rateLimits(RateLimits.NONE)
            .price(new ModelPrice(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE))
            .sharedKey(UUID.randomUUID().toString())
            .build());
  }

  /** Every chunk extracted by {@value #WORKERS} workers; the failures' reasons. */
  private static List<String> extractAll(BeliefExtractorFactory factory, List<Chunk> chunks)
      throws Exception {
    ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>(chunks);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        workers.add(
            pool.submit(
                () -> {
                  try (BeliefExtractor extractor = factory.create(Share.whole())) {
                    for (Chunk chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
                      try {
                        extractor.extract(chunk);
                      } catch (ExtractionFailedException e) {
                        failures.add(chunk.id() + ": " + e.getMessage());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(failures);
  }
}
