package dev.beliefs.pipeline.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.WriteRunSummary;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * How many tokens an answer takes and how long a call lasts, per level. Learned from the run
 * summary a previous run left in the output directory, when it asked the same model; otherwise the
 * documented defaults: {@value #DEFAULT_BASE_TOKENS} tokens plus {@value #DEFAULT_TOKENS_PER_WORD}
 * per word of the chunk (about one belief of ~80 tokens per 250 words), and a call of {@value
 * #DEFAULT_FIRST_TOKEN_SECONDS} s plus {@value #DEFAULT_SECONDS_PER_TOKEN} s per answer token
 * (gpt-4o-mini's typical speed).
 */
public final class AnswerSizes {

  static final double DEFAULT_BASE_TOKENS = 30;
  static final double DEFAULT_TOKENS_PER_WORD = 0.35;
  static final double DEFAULT_FIRST_TOKEN_SECONDS = 0.6;
  static final double DEFAULT_SECONDS_PER_TOKEN = 0.0125;

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
    return new AnswerSizes(Map.of(), -1, "defaults (no earlier run of this model in the output)");
  }

  /** From {@code DIR/run-summary.json} when it exists, is readable and used {@code model}. */
  public static AnswerSizes fromHistory(String outputDir, String model) {
    ResourceId summaryFile = OutputFiles.resolve(outputDir, WriteRunSummary.FILE);
    JsonNode summary;
    try (InputStream in = Channels.newInputStream(FileSystems.open(summaryFile))) {
      summary = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      return defaults();
    }
    if (!model.equals(summary.path("model").asText())) {
      return defaults();
    }
    Map<Integer, Double> perLevel = new TreeMap<>();
    summary
        .path("per_level")
        .fields()
        .forEachRemaining(
            level -> {
              long answered =
                  level.getValue().path("chunks").asLong()
                      - level.getValue().path("chunks_failed").asLong();
              if (answered > 0) {
                perLevel.put(
                    Integer.parseInt(level.getKey()),
                    level.getValue().path("completion_tokens").asDouble() / answered);
              }
            });
    double meanMs = summary.path("latency_ms").path("mean_ms").asDouble(0);
    return new AnswerSizes(
        perLevel, meanMs > 0 ? meanMs / 1000 : -1, "the previous run in " + summaryFile);
  }

  /** Expected answer tokens of a chunk of {@code words} words at {@code level}. */
  public double completionTokens(int level, int words) {
    Double learned = tokensPerChunkByLevel.get(level);
    return learned != null ? learned : DEFAULT_BASE_TOKENS + DEFAULT_TOKENS_PER_WORD * words;
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
