package dev.beliefs.pipeline.sim;

import java.time.Duration;

/**
 * How long the simulated model takes to answer: {@code timeToFirstToken + promptTokens x
 * perPromptToken + completionTokens x perCompletionToken} seconds, times the simulator's {@code
 * timeScale}.
 *
 * <p>{@link #DEFAULT} is calibrated on the prototype's benchmark (DESIGN.md), whose gpt-4o-mini
 * calls took about 14 s each (171 s for 12 calls with one worker) and about 30 s at most (32.7 s
 * wall with 50 workers). The same workload here, the first 17 utterances of {@code
 * testdata/transcripts/conversations/nasa-hwhap-ep218.txt} at levels [1,5] in cheap mode (windows
 * of 20 words or more), is 16 calls with the real prompt: 1,629 to 3,351 prompt tokens (mean
 * 1,994.75) and 5 to 436 completion tokens from the offline extractor (mean 67.4). With 1 s to the
 * first token, 6 ms per prompt token and 20 ms per completion token these take 10.9 to 29.8 s, mean
 * 14.3 s: the prototype's mean and spread. The offline extractor answers far more briefly than a
 * model, so most of the time is put on the prompt, which grows with the chunk as a real answer
 * does; 20 ms per completion token (50 tokens/s) is a plausible decode speed.
 *
 * @param timeToFirstTokenSeconds fixed part of every answer
 * @param secondsPerPromptToken reading the prompt
 * @param secondsPerCompletionToken writing the answer
 */
public record LatencyModel(
    double timeToFirstTokenSeconds,
    double secondsPerPromptToken,
    double secondsPerCompletionToken) {

  public static final LatencyModel DEFAULT = new LatencyModel(1.0, 0.006, 0.020);

  public LatencyModel {
    if (!(timeToFirstTokenSeconds >= 0)
        || !(secondsPerPromptToken >= 0)
        || !(secondsPerCompletionToken >= 0)) {
      throw new IllegalArgumentException("latency parameters must be >= 0");
    }
  }

  /** Every answer takes {@code latency}, whatever its size: for tests and benchmarks. */
  public static LatencyModel fixed(Duration latency) {
    return new LatencyModel(latency.toNanos() / 1e9, 0, 0);
  }

  /** The time an answer with these token counts takes, scaled. */
  public Duration serviceTime(long promptTokens, long completionTokens, double timeScale) {
    double seconds =
        timeToFirstTokenSeconds
            + promptTokens * secondsPerPromptToken
            + completionTokens * secondsPerCompletionToken;
    return Duration.ofNanos(Math.round(seconds * timeScale * 1e9));
  }
}
