package dev.beliefs.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.TierLimits;
import dev.beliefs.json.Json;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code ./beliefs bench --scale}: does the job run at the API's limit without being told no? Many
 * hour-long transcripts ({@link ScaleWorkload}) at levels 1, 5 and 15 in cheap mode against a
 * simulator that enforces a tier's gpt-4o-mini limits per real minute, with time-scaled latency.
 * The job is not told the limits: it learns them from the simulator's headers, as it would from
 * OpenAI's, and the simulator counts a request's tokens its own way ({@link
 * dev.beliefs.pipeline.sim.accounting.RateLimitCharge}), not the job's. Reports, from the
 * simulator's own accounting ({@link SustainedRates}), the requests and tokens per minute it
 * admitted after the first minute as a share of its limits, and the tokens it billed per minute
 * beside them; the share of requests answered 429; the failed chunks; and what {@code estimate}
 * said the run would cost beside what it cost. Prompt caching is on, as on OpenAI. Writes {@code
 * scale.json}, {@code scale.md} and the simulator's stats, {@code sim-stats.json}.
 */
final class SaturationBench {

  private final PrintStream out;
  private final PrintStream err;

  SaturationBench(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws IOException, TranscriptParseException {
    BenchArgs bench =
        new BenchArgs(
            args,
            Set.of(
                "scale",
                "output",
                "transcripts",
                "workers",
                "timeScale",
                "tier",
                "sources",
                "levels"));
    Path output = bench.requiredPath("output");
    int tier = bench.integer("tier", 2);
    RateLimits limits =
        TierLimits.of("gpt-4o-mini", tier)
            .orElseThrow(() -> new IllegalArgumentException("--tier must be 1 to 5"));
    String input =
        ScaleWorkload.write(
            bench.path("sources", Path.of("testdata", "transcripts", "conversations")),
            bench.integer("transcripts", 100),
            FreshDirectory.of(output.resolve("workload")));
    SimulatorConfig config =
        SimulatorConfig.builder()
            .timeScale(bench.number("timeScale", BenchCommand.DEFAULT_TIME_SCALE))
            .requestsPerMinute(limits.requestsPerMinute())
            .tokensPerMinute(limits.tokensPerMinute())
            .build();
    try (RunningSimulator simulator = Simulator.start(config)) {
      List<String> extract =
          new ArrayList<>(
              List.of(
                  "--input=" + input,
                  "--output=" + FreshDirectory.of(output.resolve("run")),
                  "--levels=" + bench.string("levels", "1,5,15"),
                  "--cheapMode",
                  "--workers=" + bench.integer("workers", 256),
                  "--baseUrl=" + simulator.baseUrl()));
      extract.addAll(bench.extractArgs());
      BigDecimal estimated = EstimateRun.totalCost(extract, err);
      err.println("running: extract " + String.join(" ", extract));
      InProcessExtract.Run run = InProcessExtract.run(extract);
      if (run.exit() != ExitCode.OK && run.exit() != ExitCode.SOME_FAILED) {
        err.println("error: extract exited " + run.exit() + ":\n" + run.log());
        return run.exit();
      }
      StatsSnapshot stats = simulator.stats();
      Files.writeString(output.resolve("sim-stats.json"), Json.pretty(stats) + "\n");
      Map<String, Object> result =
          result(stats, tier, run, output.resolve("run"), extract, estimated);
      Files.writeString(output.resolve("scale.json"), Json.pretty(result) + "\n");
      String markdown = markdown(result);
      Files.writeString(output.resolve("scale.md"), markdown);
      out.print(markdown);
      return run.exit();
    }
  }

  private static Map<String, Object> result(
      StatsSnapshot stats,
      int tier,
      InProcessExtract.Run run,
      Path runOutput,
      List<String> extract,
      @Nullable BigDecimal estimatedCost)
      throws IOException {
    JsonNode summary = Json.MAPPER.readTree(runOutput.resolve("run-summary.json").toFile());
    SustainedRates sustained = SustainedRates.of(stats);
    double requestShare = sustained.requestsPerMinute() / stats.limitRequestsPerMinute();
    double tokenShare = sustained.tokensPerMinute() / stats.limitTokensPerMinute();
    double netTokenShare = sustained.netTokensPerMinute() / stats.limitTokensPerMinute();
    BigDecimal cost = summary.get("cost_usd").decimalValue();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("extract_args", extract);
    result.put("tier", tier);
    result.put("limit_requests_per_minute", stats.limitRequestsPerMinute());
    result.put("limit_tokens_per_minute", stats.limitTokensPerMinute());
    result.put("transcripts", summary.get("transcripts").asLong());
    result.put("chunks", summary.get("chunks").asLong());
    result.put("chunks_failed", summary.get("chunks_failed").asLong());
    result.put("requests", stats.requests());
    result.put("answered_429", stats.withStatus(429));
    result.put("share_429", round((double) stats.withStatus(429) / Math.max(1, stats.requests())));
    result.put("wall_seconds", round(run.wallSeconds()));
    result.put("steady_state_seconds", round(sustained.seconds()));
    result.put("sustained_requests_per_minute", round(sustained.requestsPerMinute()));
    result.put("sustained_tokens_per_minute", round(sustained.tokensPerMinute()));
    result.put("share_of_request_limit", round(requestShare));
    result.put("share_of_token_limit", round(tokenShare));
    result.put("bucket_drawn_down_tokens_per_minute", round(sustained.drawnDownPerMinute()));
    result.put("share_of_token_limit_net_of_bucket", round(netTokenShare));
    result.put(
        "binding_limit", tokenShare >= requestShare ? "tokens per minute" : "requests per minute");
    result.put("share_of_binding_limit", round(Math.max(tokenShare, requestShare)));
    result.put("peak_requests_per_minute", stats.peakRequestsPerMinute());
    result.put("peak_tokens_per_minute", stats.peakTokensPerMinute());
    result.put("sustained_billed_tokens_per_minute", round(sustained.billedTokensPerMinute()));
    result.put(
        "sustained_billed_prompt_tokens_per_minute", round(sustained.billedPromptPerMinute()));
    result.put(
        "sustained_billed_cached_tokens_per_minute", round(sustained.billedCachedPerMinute()));
    result.put(
        "sustained_billed_completion_tokens_per_minute",
        round(sustained.billedCompletionPerMinute()));
    result.put("prompt_tokens_billed", stats.promptTokensBilled());
    result.put("cached_prompt_tokens_billed", stats.cachedPromptTokensBilled());
    result.put(
        "cached_share_of_prompt",
        round((double) stats.cachedPromptTokensBilled() / Math.max(1, stats.promptTokensBilled())));
    result.put("completion_tokens_billed", stats.completionTokensBilled());
    result.put("cost_usd", cost);
    if (estimatedCost != null) {
      result.put("estimated_cost_usd", estimatedCost);
      result.put(
          "estimate_error",
          round(estimatedCost.subtract(cost).doubleValue() / Math.max(1e-12, cost.doubleValue())));
    }
    return result;
  }

  private static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder("# Saturation benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT, "Extract: `%s`%n%n", String.join(" ", castList(r.get("extract_args")))));
    md.append("| measure | value |\n|---|---|\n");
    for (Map.Entry<String, Object> entry : r.entrySet()) {
      if (!entry.getKey().equals("extract_args")) {
        md.append("| ")
            .append(entry.getKey())
            .append(" | ")
            .append(entry.getValue())
            .append(" |\n");
      }
    }
    return md.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object list) {
    return (List<String>) list;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
