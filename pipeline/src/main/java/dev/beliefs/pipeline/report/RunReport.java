package dev.beliefs.pipeline.report;

import dev.beliefs.cost.Latency;
import dev.beliefs.cost.Totals;
import dev.beliefs.extract.RateLimits;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.RunSummary;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code DIR/report.md} and {@code DIR/report.html}, written after each run from its outputs: the
 * summary, a table per level, latency percentiles, rate-limit headroom (the busiest minute against
 * the limits the run was given), failures, the beliefs of each transcript with their evidence and
 * times, and two charts (cost by level, latency histogram) as SVG files beside the Markdown and
 * inline in the HTML, which needs no script and no network.
 */
public final class RunReport {

  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";
  static final String COST_CHART = "report-cost-by-level.svg";
  static final String LATENCY_CHART = "report-latency.svg";

  /** Beliefs listed in full; more are counted and left to the beliefs files. */
  static final int MAX_LISTED_BELIEFS = 2_000;

  private static final int MAX_LISTED_FAILURES = 500;

  private final ReportData data;

  RunReport(ReportData data) {
    this.data = data;
  }

  /** Reads the run's outputs and writes the report files next to them. */
  public static void write(String outputDir, RateLimits limits) throws IOException {
    RunReport report = new RunReport(ReportData.read(outputDir, limits));
    OutputFiles.write(OutputFiles.resolve(outputDir, COST_CHART), report.costChart().svg());
    OutputFiles.write(OutputFiles.resolve(outputDir, LATENCY_CHART), report.latencyChart().svg());
    OutputFiles.write(OutputFiles.resolve(outputDir, MARKDOWN), report.markdown());
    OutputFiles.write(OutputFiles.resolve(outputDir, HTML), report.html());
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Belief extraction run\n\n");
    md.append(headline()).append("\n\n");
    tables().forEach(table -> md.append(table.markdown()));
    md.append("![cost by level](").append(COST_CHART).append(")\n\n");
    md.append("![latency histogram](").append(LATENCY_CHART).append(")\n\n");
    md.append(beliefsMarkdown());
    return md.toString();
  }

  String html() {
    StringBuilder html =
        new StringBuilder(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Belief extraction run</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}"
                + "table{border-collapse:collapse;margin-bottom:1.5em}"
                + "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}"
                + "th{background:#f2f2f2}.charts svg{margin-right:1em}"
                + "blockquote{margin:0.2em 0 0.2em 1em;color:#444}\n"
                + "</style>\n</head>\n<body>\n<h1>Belief extraction run</h1>\n");
    html.append("<p>").append(Html.escape(headline())).append("</p>\n");
    tables().forEach(table -> html.append(table.html()));
    html.append("<div class=\"charts\">\n")
        .append(costChart().svg())
        .append(latencyChart().svg())
        .append("</div>\n");
    html.append(beliefsHtml());
    return html.append("</body>\n</html>\n").toString();
  }

  private String headline() {
    RunSummary s = data.summary();
    return String.format(
        Locale.ROOT,
        "%d transcripts (%d failed), %d chunks (%d failed), %d beliefs, %d requests, $%s, %s s on"
            + " %s with %d workers, model %s, prompt %s.",
        s.transcripts(),
        s.transcriptsFailed(),
        s.chunks(),
        s.chunksFailed(),
        s.beliefs(),
        s.requests(),
        s.costUsd().toPlainString(),
        s.wallSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f", s.wallSeconds()),
        s.runner(),
        s.workers(),
        s.model(),
        s.promptVersion());
  }

  private List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    tables.add(summaryTable());
    tables.add(levelTable());
    tables.add(latencyTable());
    tables.add(headroomTable());
    if (!data.failures().isEmpty()) {
      tables.add(failureTable());
    }
    return tables;
  }

  private Table summaryTable() {
    RunSummary s = data.summary();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("transcripts read / failed", s.transcripts() + " / " + s.transcriptsFailed()));
    rows.add(
        List.of(
            "chunks sent / failed / too short",
            s.chunks() + " / " + s.chunksFailed() + " / " + s.chunksSkipped()));
    rows.add(
        List.of(
            "requests / retries / answered 429",
            s.requests() + " / " + s.retries() + " / " + s.rateLimited()));
    rows.add(List.of("cache hits", Long.toString(s.cacheHits())));
    rows.add(
        List.of(
            "beliefs (merged) / found / ungrounded dropped",
            s.beliefs() + " / " + s.beliefsFound() + " / " + s.ungroundedDropped()));
    rows.add(
        List.of(
            "tokens prompt / cached / completion",
            s.promptTokens() + " / " + s.cachedPromptTokens() + " / " + s.completionTokens()));
    rows.add(
        List.of(
            "cost USD",
            s.costUsd().toPlainString()
                + (s.maxCostUsd() == null
                    ? ""
                    : " of a cap of " + s.maxCostUsd().toPlainString())));
    return new Table("Summary", List.of("what", "value"), rows);
  }

  private Table levelTable() {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<Integer, Totals> level : data.summary().perLevel().entrySet()) {
      Totals t = level.getValue();
      rows.add(
          List.of(
              Integer.toString(level.getKey()),
              Long.toString(t.chunks()),
              Long.toString(t.chunksFailed()),
              Long.toString(t.beliefs()),
              Long.toString(t.promptTokens()),
              Long.toString(t.cachedPromptTokens()),
              Long.toString(t.completionTokens()),
              t.costUsd().toPlainString()));
    }
    return new Table(
        "Per level",
        List.of(
            "level",
            "chunks",
            "failed",
            "beliefs found",
            "prompt tokens",
            "cached",
            "completion tokens",
            "cost USD"),
        rows);
  }

  private Table latencyTable() {
    Latency l = data.summary().latencyMs();
    return new Table(
        "Latency per chunk (ms)",
        List.of("calls", "p50", "p90", "p99", "max", "mean"),
        List.of(
            List.of(
                Long.toString(l.count()),
                Long.toString(l.p50Ms()),
                Long.toString(l.p90Ms()),
                Long.toString(l.p99Ms()),
                Long.toString(l.maxMs()),
                String.format(Locale.ROOT, "%.1f", l.meanMs()))));
  }

  /** The prototype's safety table: how close the busiest minute came to each limit. */
  private Table headroomTable() {
    RunSummary s = data.summary();
    RateLimits limits = data.limits();
    return new Table(
        "Rate-limit headroom (busiest minute)",
        List.of("measure", "peak per minute", "limit", "share of limit"),
        List.of(
            headroomRow("requests", s.peakRequestsPerMinute(), limits.requestsPerMinute()),
            headroomRow(
                "tokens (prompt + completion)",
                s.peakTokensPerMinute(),
                limits.tokensPerMinute())));
  }

  private static List<String> headroomRow(String measure, long peak, long limit) {
    return List.of(
        measure,
        Long.toString(peak),
        limit > 0 ? Long.toString(limit) : "none set",
        limit > 0 ? String.format(Locale.ROOT, "%.1f%%", 100.0 * peak / limit) : "-");
  }

  private Table failureTable() {
    List<List<String>> rows =
        data.failures().stream()
            .limit(MAX_LISTED_FAILURES)
            .map(
                f ->
                    List.of(
                        f.source(),
                        f.stage(),
                        f.reason(),
                        f.detail(),
                        Integer.toString(f.attempts())))
            .collect(Collectors.toCollection(ArrayList::new));
    if (data.failures().size() > MAX_LISTED_FAILURES) {
      rows.add(
          List.of(
              "... " + (data.failures().size() - MAX_LISTED_FAILURES) + " more in failures/",
              "",
              "",
              "",
              ""));
    }
    return new Table("Failures", List.of("source", "stage", "reason", "detail", "attempts"), rows);
  }

  BarChart costChart() {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    data.summary()
        .perLevel()
        .forEach(
            (level, totals) -> {
              labels.add("level " + level);
              values.add(totals.costUsd().doubleValue());
            });
    return new BarChart("Cost by level", "USD", labels, values);
  }

  BarChart latencyChart() {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Latency.Bucket bucket : data.summary().latencyMs().histogram()) {
      labels.add("≤" + (bucket.upToMs() + 1) + "ms");
      values.add((double) bucket.count());
    }
    return new BarChart("Latency per chunk", "calls", labels, values);
  }

  private String beliefsMarkdown() {
    StringBuilder md = new StringBuilder("## Beliefs\n\n");
    int listed = 0;
    for (Map.Entry<String, List<MergedBelief>> transcript : data.beliefsByTranscript().entrySet()) {
      md.append("### ")
          .append(transcript.getKey())
          .append(" (")
          .append(transcript.getValue().size())
          .append(")\n\n");
      for (MergedBelief belief : transcript.getValue()) {
        if (listed++ >= MAX_LISTED_BELIEFS) {
          break;
        }
        md.append("- **")
            .append(belief.speaker())
            .append("** ")
            .append(belief.stance())
            .append(" (")
            .append(belief.confidence())
            .append(", levels ")
            .append(belief.levels())
            .append("): ")
            .append(belief.statement())
            .append('\n');
        for (Evidence evidence : belief.evidence()) {
          md.append("  > ")
              .append(evidence.quote())
              .append(" (")
              .append(where(evidence))
              .append(")\n");
        }
      }
      md.append('\n');
    }
    md.append(moreBeliefs(listed));
    return md.toString();
  }

  private String beliefsHtml() {
    StringBuilder html = new StringBuilder("<h2>Beliefs</h2>\n");
    int listed = 0;
    for (Map.Entry<String, List<MergedBelief>> transcript : data.beliefsByTranscript().entrySet()) {
      html.append("<h3>")
          .append(Html.escape(transcript.getKey()))
          .append(" (")
          .append(transcript.getValue().size())
          .append(")</h3>\n<ul>\n");
      for (MergedBelief belief : transcript.getValue()) {
        if (listed++ >= MAX_LISTED_BELIEFS) {
          break;
        }
        html.append("<li><b>")
            .append(Html.escape(belief.speaker()))
            .append("</b> ")
            .append(Html.escape(belief.stance()))
            .append(" (")
            .append(belief.confidence())
            .append(", levels ")
            .append(belief.levels())
            .append("): ")
            .append(Html.escape(belief.statement()));
        for (Evidence evidence : belief.evidence()) {
          html.append("<blockquote>")
              .append(Html.escape(evidence.quote()))
              .append(" <small>(")
              .append(Html.escape(where(evidence)))
              .append(")</small></blockquote>");
        }
        html.append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<p>").append(Html.escape(moreBeliefs(listed))).append("</p>\n");
    return html.toString();
  }

  private String moreBeliefs(int listed) {
    long total = data.beliefsByTranscript().values().stream().mapToLong(List::size).sum();
    return total > MAX_LISTED_BELIEFS
        ? (total - MAX_LISTED_BELIEFS) + " more beliefs are in beliefs/.\n"
        : "";
  }

  private static String where(Evidence evidence) {
    String place = "u" + evidence.utteranceIndex();
    if (evidence.startSeconds() != null) {
      place += String.format(Locale.ROOT, ", %s", clock(evidence.startSeconds()));
      if (evidence.endSeconds() != null) {
        place += "–" + clock(evidence.endSeconds());
      }
    }
    return place;
  }

  private static String clock(double seconds) {
    long whole = (long) seconds;
    return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, (whole / 60) % 60, whole % 60);
  }
}
