package dev.beliefs.pipeline.estimate;

import dev.beliefs.io.RunLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many tokens an answer takes and how long a call lasts, per level. Learned from the latest run
 * recorded in the output directory's {@code runs.jsonl} that asked the same model; otherwise the
 * defaults, from the one published measurement of a real model on this task, the prototype's
 * gpt-4o-mini run (12 calls, 41.6k tokens, $0.0092, 171 s with one worker): {@value
 * #DEFAULT_COMPLETION_TOKENS} completion tokens per request, whatever the chunk, and a call of
 * {@value #DEFAULT_FIRST_TOKEN_SECONDS} s plus {@value #DEFAULT_SECONDS_PER_TOKEN} s per answer
 * token, its 14.3 s per call.
 */
public final class AnswerSizes {

  static final double DEFAULT_COMPLETION_TOKENS = 548;
  static final double DEFAULT_FIRST_TOKEN_SECONDS = 0.6;
  static final double DEFAULT_SECONDS_PER_TOKEN = 0.025;

  private final Map<Integer, Double> tokensPerChunkByLevel;
  private final double secondsPerCall;
  private final String source;

  private AnswerSizes(
      Map<Integer, Double> tokensPerChunkByLevel, double secondsPerCall, String source) {
    this.tokensPerChunkByLevel = tokensPerChunkByLevel;
    this.secondsPerCall = secondsPerCall;
    this.source = source;
  }

  public static AnswerSizes defaults() {
    return new AnswerSizes(
        Map.of(),
        -1,
        "defaults: 548 completion tokens per request, as the prototype's gpt-4o-mini run (no"
            + " earlier run of this model in the output)");
  }

  /**
   * From the latest run in {@code DIR/runs.jsonl} that asked {@code model} and finished; the
   * defaults when there is none.
   */
  public static AnswerSizes fromHistory(String outputDir, String model) {
    List<RunLog.Entry> runs;
    try {
      runs = RunLog.read(outputDir);
    } catch (IOException | RuntimeException e) {
      return defaults();
    }
    for (int i = runs.size() - 1; i >= 0; i--) {
      RunLog.Entry run = runs.get(i);
      if (model.equals(run.model()) && run.perLevel() != null && run.latencyMeanMs() != null) {
        Map<Integer, Double> perLevel = new TreeMap<>();
        run.perLevel()
            .forEach(
                (level, totals) -> {
                  long answered = totals.chunks() - totals.chunksFailed() - totals.cacheHits();
                  if (answered > 0) {
                    perLevel.put(level, (double) totals.completionTokens() / answered);
                  }
                });
        double meanMs = run.latencyMeanMs();
        return new AnswerSizes(
            perLevel,
            meanMs > 0 ? meanMs / 1000 : -1,
            "run " + run.runId() + " in " + outputDir + "/" + RunLog.FILE);
      }
    }
    return defaults();
  }

  /** Expected answer tokens of a chunk at {@code level}. */
  public double completionTokens(int level) {
    Double learned = tokensPerChunkByLevel.get(level);
    return learned != null ? learned : DEFAULT_COMPLETION_TOKENS;
  }

  /** Expected duration of one call that answers {@code completionTokens} tokens. */
  public double callSeconds(double completionTokens) {
    return secondsPerCall > 0
        ? secondsPerCall
        : DEFAULT_FIRST_TOKEN_SECONDS + DEFAULT_SECONDS_PER_TOKEN * completionTokens;
  }

  public String source() {
    return source;
  }
}
