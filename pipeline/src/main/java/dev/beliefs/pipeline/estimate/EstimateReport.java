package dev.beliefs.pipeline.estimate;

import dev.beliefs.extract.limits.RateLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The estimate as {@code ./beliefs estimate} prints it: a table per level with a total, then what
 * was assumed (prompt caching, the response cache, the run being offline) and the expected wall
 * time, numbers grouped by thousands and amounts in dollars.
 *
 * @param model the model the run would ask
 * @param offline no key and no {@code --baseUrl}: the run would use the offline extractor, for $0
 * @param batch the run would go through the Batch API
 * @param cacheDir the response cache looked up
 */
public record EstimateReport(String model, boolean offline, boolean batch, String cacheDir) {

  private static final String ROW = "%-7s %10s %15s %18s %18s %12s";

  public List<String> lines(CostEstimate estimate, int workers, RateLimits limits) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Estimate: %s read (%s unreadable), model %s%s; answer sizes from %s",
            count(estimate.transcripts(), "transcript"),
            number(estimate.unreadable()),
            model,
            batch ? " through the Batch API" : "",
            estimate.answers().source()));
    if (offline) {
      lines.add(
          "Offline: no OPENAI_API_KEY and no --baseUrl, so extract would run the offline extractor"
              + " and cost $0. With a key or --baseUrl it would ask "
              + model
              + " for what follows:");
    }
    lines.add(
        String.format(
            Locale.ROOT,
            ROW,
            "level",
            "requests",
            "prompt tokens",
            "cached (assumed)",
            "completion tokens",
            "cost"));
    estimate.levels().forEach((level, row) -> lines.add(row(Integer.toString(level), row)));
    CostEstimate.Level total = estimate.total();
    lines.add(row("total", total));
    lines.add(caching(estimate, total));
    lines.addAll(responseCache(estimate, total));
    CostEstimate.WallTime wall = estimate.wallTime(workers, limits);
    lines.add(
        String.format(
            Locale.ROOT,
            "Expected wall time: %s, bound by %s (limits: %s rpm, %s tpm)",
            duration(wall.seconds()),
            wall.boundBy(),
            limits.requestsPerMinute() > 0 ? number(limits.requestsPerMinute()) : "no",
            limits.tokensPerMinute() > 0 ? number(limits.tokensPerMinute()) : "no"));
    return lines;
  }

  private String caching(CostEstimate estimate, CostEstimate.Level total) {
    PromptCaching caching = estimate.caching();
    if (batch) {
      return "Prompt caching: none assumed in batches.";
    }
    if (caching.cachedPerRequest() == 0) {
      return "Prompt caching: none assumed: the prompt every request begins with is under 1,024"
          + " tokens, OpenAI's minimum.";
    }
    return String.format(
        Locale.ROOT,
        "Prompt caching: %s of %s prompt tokens (%s) assumed cached, at the cached price: every"
            + " request after the first begins with the same %s tokens of system prompt and"
            + " schema, of which OpenAI caches %s (shared prefixes of 1,024 tokens or more, in"
            + " steps of 128).",
        number(total.cachedPromptTokens()),
        number(total.promptTokens()),
        percent(total.cachedPromptTokens(), total.promptTokens()),
        number(caching.sharedPrefixTokens()),
        number(caching.cachedPerRequest()));
  }

  private List<String> responseCache(CostEstimate estimate, CostEstimate.Level total) {
    List<String> lines = new ArrayList<>();
    if (total.requests() == 0 && estimate.cacheHits() > 0) {
      lines.add(
          "Nothing to ask: every chunk's request is already answered in the response cache "
              + cacheDir
              + " (a rerun over unchanged inputs), so the run would cost $0.");
    } else if (estimate.cacheHits() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Response cache %s: %s already answered there, at no cost.",
              cacheDir,
              count(estimate.cacheHits(), "chunk")));
    }
    if (estimate.duplicates() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s repeat another chunk's request and are asked once.",
              count(estimate.duplicates(), "chunk")));
    }
    return lines;
  }

  private static String row(String name, CostEstimate.Level row) {
    return String.format(
        Locale.ROOT,
        ROW,
        name,
        number(row.requests()),
        number(row.promptTokens()),
        number(row.cachedPromptTokens()),
        number(row.completionTokens()),
        dollars(row.costUsd()));
  }

  static String dollars(BigDecimal amount) {
    return "$" + String.format(Locale.ROOT, "%,.4f", amount.setScale(4, RoundingMode.HALF_UP));
  }

  private static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String count(long value, String noun) {
    return number(value) + " " + noun + (value == 1 ? "" : "s");
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
  }

  private static String duration(double seconds) {
    long whole = Math.round(seconds);
    if (whole < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long hours = whole / 3600;
    long minutes = whole % 3600 / 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d h %02d min", hours, minutes)
        : String.format(Locale.ROOT, "%d min %02d s", minutes, whole % 60);
  }
}
