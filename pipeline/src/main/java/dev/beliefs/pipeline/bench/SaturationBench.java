package dev.beliefs.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.RateLimits;
import dev.beliefs.extract.TierLimits;
import dev.beliefs.json.Json;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./beliefs bench --scale}: does the job run at the API's limit without being told no? Many
 * hour-long transcripts ({@link ScaleWorkload}) at levels 1, 5 and 15 in cheap mode against a
 * simulator that enforces a tier's gpt-4o-mini limits per real minute, with time-scaled latency.
 * The job is not told the limits: it learns them from the simulator's headers, as it would from
 * OpenAI's. Reports the sustained requests and tokens per minute as a share of the limits (after
 * the first minute, whose full bucket allows a burst), the share of requests answered 429 and the
 * failed chunks; writes {@code scale.json} and {@code scale.md}.
 */
final class SaturationBench {

  private static final long BURST_MS = 60_000;

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
            output.resolve("workload"));
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
                  "--output=" + output.resolve("run"),
                  "--levels=" + bench.string("levels", "1,5,15"),
                  "--cheapMode",
                  "--workers=" + bench.integer("workers", 256),
                  "--baseUrl=" + simulator.baseUrl()));
      extract.addAll(bench.extractArgs());
      err.println("running: extract " + String.join(" ", extract));
      InProcessExtract.Run run = InProcessExtract.run(extract);
      if (run.exit() != ExitCode.OK && run.exit() != ExitCode.SOME_FAILED) {
        err.println("error: extract exited " + run.exit() + ":\n" + run.log());
        return run.exit();
      }
      Map<String, Object> result =
          result(simulator.stats(), limits, tier, run, output.resolve("run"), extract);
      Files.writeString(output.resolve("scale.json"), Json.pretty(result) + "\n");
      String markdown = markdown(result);
      Files.writeString(output.resolve("scale.md"), markdown);
      out.print(markdown);
      return run.exit();
    }
  }

  private static Map<String, Object> result(
      StatsSnapshot stats,
      RateLimits limits,
      int tier,
      InProcessExtract.Run run,
      Path runOutput,
      List<String> extract)
      throws IOException {
    JsonNode summary = Json.MAPPER.readTree(runOutput.resolve("run-summary.json").toFile());
    Sustained sustained = Sustained.of(stats.admittedPerSecond());
    double requestShare = sustained.requestsPerMinute() / limits.requestsPerMinute();
    double tokenShare = sustained.tokensPerMinute() / limits.tokensPerMinute();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("extract_args", extract);
    result.put("tier", tier);
    result.put("limit_requests_per_minute", limits.requestsPerMinute());
    result.put("limit_tokens_per_minute", limits.tokensPerMinute());
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
    result.put(
        "binding_limit", tokenShare >= requestShare ? "tokens per minute" : "requests per minute");
    result.put("share_of_binding_limit", round(Math.max(tokenShare, requestShare)));
    result.put("peak_requests_per_minute", stats.peakRequestsPerMinute());
    result.put("peak_tokens_per_minute", stats.peakTokensPerMinute());
    result.put("cost_usd", summary.get("cost_usd").decimalValue());
    return result;
  }

  /**
   * The admission rate after the first minute (whose full bucket lets a burst through) and up to
   * the last admission, from the simulator's per-second counts.
   */
  record Sustained(double seconds, double requestsPerMinute, double tokensPerMinute) {
    static Sustained of(List<StatsSnapshot.AdmittedSecond> perSecond) {
      if (perSecond.isEmpty()) {
        return new Sustained(0, 0, 0);
      }
      long from = perSecond.get(0).epochSecond() + BURST_MS / 1000;
      long to = perSecond.get(perSecond.size() - 1).epochSecond();
      long requests = 0;
      long tokens = 0;
      for (StatsSnapshot.AdmittedSecond second : perSecond) {
        if (second.epochSecond() >= from && second.epochSecond() < to) {
          requests += second.requests();
          tokens += second.tokens();
        }
      }
      double seconds = Math.max(0, to - from);
      return seconds == 0
          ? new Sustained(0, 0, 0)
          : new Sustained(seconds, requests * 60.0 / seconds, tokens * 60.0 / seconds);
    }
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
