package dev.beliefs.pipeline.estimate;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run will ask and cost, added up chunk by chunk before any request: prompt tokens exact
 * (the tokenizer and prompt the run will use), the part of them OpenAI's prompt cache is assumed to
 * serve ({@link PromptCaching}), answer tokens and call times from {@link AnswerSizes}. Chunks
 * whose request the response cache already answered, or that repeat a request of the same run, ask
 * nothing and cost nothing.
 */
public final class CostEstimate {

  private final ModelPrice price;
  private final AnswerSizes answers;
  private final PromptCaching caching;
  private final int maxTokens;
  private final Map<Integer, Level> levels = new TreeMap<>();
  private double callSeconds;
  private long rateLimitTokens;
  private int transcripts;
  private int unreadable;
  private long cacheHits;
  private long duplicates;

  public CostEstimate(ModelPrice price, AnswerSizes answers, PromptCaching caching, int maxTokens) {
    this.price = price;
    this.answers = answers;
    this.caching = caching;
    this.maxTokens = maxTokens;
  }

  /** Requests, tokens and cost of one level, or of all. */
  public record Level(
      long requests,
      long promptTokens,
      long cachedPromptTokens,
      long completionTokens,
      BigDecimal costUsd) {
    static final Level ZERO = new Level(0, 0, 0, 0, BigDecimal.ZERO);

    Level plus(Level other) {
      return new Level(
          requests + other.requests,
          promptTokens + other.promptTokens,
          cachedPromptTokens + other.cachedPromptTokens,
          completionTokens + other.completionTokens,
          costUsd.add(other.costUsd));
    }
  }

  public void addTranscript() {
    transcripts++;
  }

  public void addUnreadable() {
    unreadable++;
  }

  /** A chunk whose request will be sent. */
  public void addRequest(Chunk chunk) {
    long completion = Math.round(answers.completionTokens(chunk.level()));
    long prompt = chunk.estimatedPromptTokens();
    Usage usage = new Usage(prompt, caching.next(prompt), completion);
    levels.merge(
        chunk.level(),
        new Level(1, prompt, usage.cachedPromptTokens(), completion, price.cost(usage)),
        Level::plus);
    callSeconds += answers.callSeconds(completion);
    rateLimitTokens += rateLimitCharge(chunk, maxTokens);
  }

  /** A chunk whose request the response cache already answered. */
  public void addCacheHit() {
    cacheHits++;
  }

  /** A chunk whose request another chunk of the same run asks: sent once. */
  public void addDuplicate() {
    duplicates++;
  }

  public Map<Integer, Level> levels() {
    return levels;
  }

  public Level total() {
    return levels.values().stream().reduce(Level.ZERO, Level::plus);
  }

  public int transcripts() {
    return transcripts;
  }

  public int unreadable() {
    return unreadable;
  }

  public long cacheHits() {
    return cacheHits;
  }

  public long duplicates() {
    return duplicates;
  }

  public PromptCaching caching() {
    return caching;
  }

  public AnswerSizes answers() {
    return answers;
  }

  /**
   * The longest of: the calls spread over {@code workers} slots, and the requests and tokens at the
   * per-minute limits, a request's tokens counted as OpenAI's limiter counts them: its characters /
   * 4 plus {@code max_tokens}.
   */
  public WallTime wallTime(int workers, RateLimits limits) {
    Level total = total();
    double concurrency = callSeconds / workers;
    double requests =
        limits.requestsPerMinute() > 0 ? 60.0 * total.requests() / limits.requestsPerMinute() : 0;
    double tokens =
        limits.tokensPerMinute() > 0 ? 60.0 * rateLimitTokens / limits.tokensPerMinute() : 0;
    if (tokens >= requests && tokens >= concurrency) {
      return new WallTime(tokens, "tokens per minute");
    }
    return requests >= concurrency
        ? new WallTime(requests, "requests per minute")
        : new WallTime(concurrency, workers + " workers");
  }

  /** Seconds, and what bounds them. */
  public record WallTime(double seconds, String boundBy) {}

  /** OpenAI's rate-limit estimate of the request for {@code chunk}. */
  static long rateLimitCharge(Chunk chunk, int maxTokens) {
    long characters =
        codePoints(ExtractionPrompt.system())
            + codePoints(ExtractionPrompt.user(chunk))
            + codePoints(ExtractionPrompt.schema().toString());
    return (characters + 3) / 4 + maxTokens;
  }

  private static long codePoints(String text) {
    return text.codePointCount(0, text.length());
  }
}
