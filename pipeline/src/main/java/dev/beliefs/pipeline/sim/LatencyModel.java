package dev.beliefs.pipeline.sim;

import java.time.Duration;

/**
 * How long the simulated model takes to answer: the time to its first token, which grows with the
 * prompt tokens it has to read (those served by the prompt cache are not read again), plus the time
 * to write each completion token; each part times a log-normal factor of mean 1 drawn per call
 * (retries included, see {@link CallDraw}), so that two calls with the same prompt can differ
 * severalfold, as calls to a loaded API do. The whole is multiplied by the simulator's {@code
 * timeScale}.
 *
 * <p>service = (ttft + uncached prompt tokens x prefill) x F1 + completion tokens x decode x F2,
 * with F1 and F2 log-normal of log-standard deviations {@code timeToFirstTokenSigma} and {@code
 * decodeSigma}.
 *
 * <p>{@link #DEFAULT} is calibrated on the prototype's published run: 12 gpt-4o-mini calls of 14.3
 * s on average (171 s with one worker) writing 548 completion tokens each (see {@link
 * AnswerLength}), so nearly all of a call is writing: 0.45 s to the first token plus 0.1 ms per
 * prompt token read (0.05 to 0.2 s for this job's prompts, less with the cache), then 25 ms per
 * completion token (40 tokens a second), give 14.25 to 14.4 s for 550 tokens. The spreads (0.5 and
 * 0.35) are assumptions: with the answer length's own (0.3), about one call in ten takes less than
 * half its mean, and one in fifteen more than 1.8 times it.
 *
 * @param timeToFirstTokenSeconds the fixed part of the time to the first token
 * @param secondsPerPromptToken reading each prompt token the cache does not serve
 * @param secondsPerCompletionToken writing each completion token
 * @param timeToFirstTokenSigma spread of the time to the first token, per call
 * @param decodeSigma spread of the writing speed, per call
 */
public record LatencyModel(
    double timeToFirstTokenSeconds,
    double secondsPerPromptToken,
    double secondsPerCompletionToken,
    double timeToFirstTokenSigma,
    double decodeSigma) {

  public static final LatencyModel DEFAULT = new LatencyModel(0.45, 0.0001, 0.025, 0.5, 0.35);

  private static final int TIME_TO_FIRST_TOKEN_STREAM = 1;
  private static final int DECODE_STREAM = 2;

  public LatencyModel {
    if (!(timeToFirstTokenSeconds >= 0)
        || !(secondsPerPromptToken >= 0)
        || !(secondsPerCompletionToken >= 0)
        || !(timeToFirstTokenSigma >= 0)
        || !(decodeSigma >= 0)) {
      throw new IllegalArgumentException("latency parameters must be >= 0");
    }
  }

  /** Every answer takes {@code latency}, whatever its size: for tests. */
  public static LatencyModel fixed(Duration latency) {
    return new LatencyModel(latency.toNanos() / 1e9, 0, 0, 0, 0);
  }

  /** The mean time of a call with these token counts, unscaled, in seconds. */
  public double expectedSeconds(long uncachedPromptTokens, long completionTokens) {
    return timeToFirstTokenSeconds
        + uncachedPromptTokens * secondsPerPromptToken
        + completionTokens * secondsPerCompletionToken;
  }

  /** This call's time, scaled. */
  Duration serviceTime(
      long uncachedPromptTokens, long completionTokens, double timeScale, CallDraw draw) {
    double firstToken =
        (timeToFirstTokenSeconds + uncachedPromptTokens * secondsPerPromptToken)
            * draw.lognormalFactor(TIME_TO_FIRST_TOKEN_STREAM, timeToFirstTokenSigma);
    double writing =
        completionTokens
            * secondsPerCompletionToken
            * draw.lognormalFactor(DECODE_STREAM, decodeSigma);
    return Duration.ofNanos(Math.round((firstToken + writing) * timeScale * 1e9));
  }
}
