package dev.beliefs.pipeline.sim;

/**
 * How many tokens the simulated model writes for a request: what a real model would write for this
 * job's prompt, not what the offline rules write (a few dozen tokens per belief they find).
 *
 * <p>The expected length grows with the words of the user messages and levels off, since a longer
 * excerpt repeats its beliefs more and the prompt asks for repetitions to be merged: {@code
 * ceilingTokens x (1 - exp(-words / wordsScale))}. Each request's length is that times a log-normal
 * factor of mean 1 and log-standard deviation {@code sigma}, drawn from the seed and what the
 * request asks (its model, messages, response format, temperature and seed, not its {@code
 * max_tokens}): like a model at temperature 0, the simulated one writes as much again when asked
 * again, online or in a batch.
 *
 * <p>{@link #DEFAULT} is calibrated on the prototype's published run, the only measurement of a
 * real model on this task: 12 gpt-4o-mini calls, 41.6k tokens and $0.0092 in all, which at
 * gpt-4o-mini's prices ($0.15 and $0.60 per million prompt and completion tokens) is 35.0k prompt
 * and 6.58k completion tokens, 548 completion tokens per call. The same workload here (the first 17
 * utterances of the NASA transcript, levels 1 and 5, cheap mode) is 16 requests of 31 to 1,470
 * words in their user messages; a ceiling of 1,000 tokens (about a dozen beliefs of 80 tokens) and
 * a scale of {@value #DEFAULT_WORDS_SCALE} words give them a mean of 550 tokens, from 105 for the
 * shortest (31 words) to 995 for the longest. The shape (levelling off, the ceiling, the noise) is
 * a modelling choice, not a measurement.
 *
 * @param ceilingTokens what the longest excerpts approach
 * @param wordsScale the words at which the answer reaches 63% of the ceiling
 * @param sigma the spread of the per-call factor
 */
public record AnswerLength(double ceilingTokens, double wordsScale, double sigma) {

  static final double DEFAULT_WORDS_SCALE = 281;

  public static final AnswerLength DEFAULT = new AnswerLength(1000, DEFAULT_WORDS_SCALE, 0.3);

  public AnswerLength {
    if (!(ceilingTokens >= 0) || !(wordsScale > 0) || !(sigma >= 0)) {
      throw new IllegalArgumentException(
          "answer length: ceiling >= 0, words scale > 0 and sigma >= 0 required");
    }
  }

  /** The mean length for a request whose user messages have {@code words} words. */
  public double expectedTokens(int words) {
    return ceilingTokens * (1 - Math.exp(-words / wordsScale));
  }

  /**
   * The length written for a request, before it is fitted between the content's own tokens and
   * max_tokens.
   *
   * @param answerKey a hash of what the request asks ({@link ChatRequest#answerKey()})
   */
  int draw(int words, long seed, byte[] answerKey) {
    return (int)
        Math.round(expectedTokens(words) * SeededNoise.lognormalFactor(sigma, seed, answerKey));
  }
}
