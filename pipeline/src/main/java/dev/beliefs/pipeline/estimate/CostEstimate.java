package dev.beliefs.pipeline.estimate;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.RateLimits;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run will ask and cost, added up chunk by chunk before any request: prompt tokens exact
 * (the tokenizer and prompt the run will use), answer tokens and call times from {@link
 * AnswerSizes}.
 */
public final class CostEstimate {

  private final ModelPrice price;
  private final AnswerSizes answers;
  private final int maxTokens;
  private final Map<Integer, Level> levels = new TreeMap<>();
  private double callSeconds;
  private int transcripts;
  private int unreadable;

  public CostEstimate(ModelPrice price, AnswerSizes answers, int maxTokens) {
    this.price = price;
    this.answers = answers;
    this.maxTokens = maxTokens;
  }

  /** Requests, tokens and cost of one level, or of all. */
  public record Level(long requests, long promptTokens, long completionTokens, BigDecimal costUsd) {
    static final Level ZERO = new Level(0, 0, 0, BigDecimal.ZERO);

    Level plus(Level other) {
      return new Level(
          requests + other.requests,
          promptTokens + other.promptTokens,
          completionTokens + other.completionTokens,
          costUsd.add(other.costUsd));
    }
  }

  public void addTranscript(List<Chunk> chunks) {
    transcripts++;
    for (Chunk chunk : chunks) {
      long completion = Math.round(answers.completionTokens(chunk.level(), chunk.wordCount()));
      Usage usage = new Usage(chunk.estimatedPromptTokens(), 0, completion);
      levels.merge(
          chunk.level(),
          new Level(1, usage.promptTokens(), completion, price.cost(usage)),
          Level::plus);
      callSeconds += answers.callSeconds(completion);
    }
  }

  public void addUnreadable() {
    unreadable++;
  }

  public Map<Integer, Level> levels() {
    return levels;
  }

  public Level total() {
    return levels.values().stream().reduce(Level.ZERO, Level::plus);
  }

  /**
   * The longest of: the calls spread over {@code workers} slots, and the requests and tokens
   * (prompt + {@code max_tokens}, as OpenAI counts them) at the per-minute limits.
   */
  public WallTime wallTime(int workers, RateLimits limits) {
    Level total = total();
    double concurrency = callSeconds / workers;
    double requests =
        limits.requestsPerMinute() > 0 ? 60.0 * total.requests() / limits.requestsPerMinute() : 0;
    double tokens =
        limits.tokensPerMinute() > 0
            ? 60.0
                * (total.promptTokens() + (double) maxTokens * total.requests())
                / limits.tokensPerMinute()
            : 0;
    if (tokens >= requests && tokens >= concurrency) {
      return new WallTime(tokens, "tokens per minute");
    }
    return requests >= concurrency
        ? new WallTime(requests, "requests per minute")
        : new WallTime(concurrency, workers + " workers");
  }

  /** Seconds, and what bounds them. */
  public record WallTime(double seconds, String boundBy) {}

  public List<String> report(String model, int workers, RateLimits limits) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Estimate: %d transcripts (%d unreadable), model %s; answer sizes from %s",
            transcripts,
            unreadable,
            model,
            answers.source()));
    lines.add(
        String.format(
            Locale.ROOT,
            "%-7s %9s %14s %18s %12s",
            "level",
            "requests",
            "prompt_tokens",
            "completion_tokens",
            "cost_usd"));
    levels.forEach((level, row) -> lines.add(row(Integer.toString(level), row)));
    lines.add(row("total", total()));
    WallTime wall = wallTime(workers, limits);
    lines.add(
        String.format(
            Locale.ROOT,
            "Expected wall time: %.1f s, bound by %s (limits: %s rpm, %s tpm)",
            wall.seconds(),
            wall.boundBy(),
            limits.requestsPerMinute() > 0 ? limits.requestsPerMinute() : "no",
            limits.tokensPerMinute() > 0 ? limits.tokensPerMinute() : "no"));
    return lines;
  }

  private static String row(String name, Level row) {
    return String.format(
        Locale.ROOT,
        "%-7s %9d %14d %18d %12s",
        name,
        row.requests(),
        row.promptTokens(),
        row.completionTokens(),
        row.costUsd().setScale(6, RoundingMode.HALF_UP).toPlainString());
  }
}
