package dev.beliefs.pipeline.sim.accounting;

/**
 * What a request takes from the tokens-per-minute limit when it is admitted. OpenAI's rate-limit
 * guide says the limit counts "max_tokens and the estimated number of tokens based on the character
 * count of your request": the limiter runs before the model and does not tokenize, it estimates
 * from characters, with OpenAI's rule of thumb of about four characters per token. The guide's
 * sentence calls it the maximum of the two; its cookbook's rate-limited processor ({@code
 * api_request_parallel_processor.py}) counts prompt + n x max_tokens, and so does this simulator:
 * the sum is what a request could at most use. Nothing is given back when the answer is shorter.
 *
 * <p>charge = ceil(characters / {@value #CHARACTERS_PER_TOKEN}) + max_tokens, where the characters
 * are the Unicode code points of every message's content and of the {@code response_format} JSON
 * schema. English prose is nearer 4.5 characters per o200k token, and JSON less, so for this job's
 * prompts the charge's prompt part comes out about 14% above the billed prompt tokens: the job's
 * own count and the server's differ, as they do with OpenAI.
 */
public final class RateLimitCharge {

  public static final int CHARACTERS_PER_TOKEN = 4;

  private RateLimitCharge() {}

  /**
   * @param characters code points of the messages' contents and the response schema
   * @param maxTokens the request's {@code max_completion_tokens} or {@code max_tokens}
   */
  public static long of(long characters, int maxTokens) {
    return (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN + maxTokens;
  }
}
