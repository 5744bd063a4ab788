package dev.beliefs.pipeline.report;

import dev.beliefs.cost.Latency;
import dev.beliefs.cost.Totals;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.io.RunSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code DIR/report.md} and {@code DIR/report.html}, written after each run from its outputs, with
 * {@code DIR/beliefs.csv}: a table of contents, the summary, a table per level, latency
 * percentiles, rate-limit headroom (the busiest minute against the limits the run was given),
 * failures, the evaluation when {@code DIR/eval.json} is there, two charts (cost by level, latency
 * histogram; SVG files beside the Markdown, inline in the HTML), the beliefs by speaker, by topic
 * and by transcript with their evidence and times. The HTML filters the beliefs by speaker, stance,
 * confidence and topic with a script of its own: no network, and it works from a file.
 */
public final class RunReport {

  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";
  static final String COST_CHART = "report-cost-by-level.svg";
  static final String LATENCY_CHART = "report-latency.svg";
  private static final String TITLE = "Belief extraction run";

  /** Beliefs listed in full in each view; more are counted and left to the beliefs files. */
  static final int MAX_LISTED_BELIEFS = 2_000;

  private static final int MAX_LISTED_FAILURES = 500;

  private final ReportData data;
  private final BeliefViews beliefs;

  RunReport(ReportData data) {
    this.data = data;
    this.beliefs = new BeliefViews(data.beliefsByTranscript());
  }

  /** Reads the run's outputs and writes the report files and {@code beliefs.csv} next to them. */
  public static void write(String outputDir, RateLimits limits) throws IOException {
    ReportData data = ReportData.read(outputDir, limits);
    RunReport report = new RunReport(data);
    OutputFiles.write(OutputFiles.resolve(outputDir, COST_CHART), report.costChart().svg());
    OutputFiles.write(OutputFiles.resolve(outputDir, LATENCY_CHART), report.latencyChart().svg());
    OutputFiles.write(OutputFiles.resolve(outputDir, MARKDOWN), report.markdown());
    OutputFiles.write(OutputFiles.resolve(outputDir, HTML), report.html());
    BeliefsCsv.write(outputDir, data.beliefsByTranscript());
  }

  String markdown() {
    return ReportPage.markdown(TITLE, headline(), sections());
  }

  String html() {
    return ReportPage.html(
        TITLE,
        headline(),
        sections(),
        ReportPage.filters(
            beliefs.total(), beliefs.speakers(), beliefs.stances(), beliefs.topics()));
  }

  private List<ReportPage.Section> sections() {
    List<ReportPage.Section> sections = new ArrayList<>();
    List<Table> tables = new ArrayList<>(List.of(summaryTable(), levelTable(), latencyTable()));
    tables.add(headroomTable());
    if (!data.failures().isEmpty()) {
      tables.add(failureTable());
    }
    if (data.eval() != null) {
      tables.add(EvalTable.of(data.eval()));
    }
    for (Table table : tables) {
      sections.add(new ReportPage.Section(table.title(), table.htmlRows(), tableMarkdown(table)));
    }
    sections.add(
        new ReportPage.Section(
            "Charts",
            "<div class=\"charts\">\n" + costChart().svg() + latencyChart().svg() + "</div>\n",
            "![cost by level]("
                + COST_CHART
                + ")\n\n![latency histogram]("
                + LATENCY_CHART
                + ")\n\n"));
    sections.add(
        new ReportPage.Section("Speakers", beliefs.speakersHtml(), beliefs.speakersMarkdown()));
    sections.add(new ReportPage.Section("Topics", beliefs.topicsHtml(), beliefs.topicsMarkdown()));
    sections.add(
        new ReportPage.Section(
            "Beliefs",
            "<div id=\"beliefs-list\">\n" + beliefs.beliefsHtml() + "</div>\n",
            beliefs.beliefsMarkdown()));
    return sections;
  }

  /** A table's Markdown without its own heading: the section gives it one. */
  private static String tableMarkdown(Table table) {
    String md = table.markdown();
    return md.substring(md.indexOf("\n\n") + 2);
  }

  private String headline() {
    RunSummary s = data.summary();
    return String.format(
        Locale.ROOT,
        "%s read (%s unreadable), %s (%s failed), %s, %s, %s, %s s on %s with %d workers, model"
            + " %s, prompt %s.",
        Numbers.of(s.transcripts(), "transcript"),
        Numbers.count(s.transcriptsFailed()),
        Numbers.of(s.chunks(), "chunk"),
        Numbers.count(s.chunksFailed()),
        Numbers.of(s.beliefs(), "belief"),
        Numbers.of(s.requests(), "request"),
        Numbers.usd(s.costUsd()),
        s.wallSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f", s.wallSeconds()),
        s.runner(),
        s.workers(),
        s.model(),
        s.promptVersion());
  }

  private Table summaryTable() {
    RunSummary s = data.summary();
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("transcripts read / unreadable", s.transcripts(), s.transcriptsFailed()));
    rows.add(
        row("chunks sent / failed / too short", s.chunks(), s.chunksFailed(), s.chunksSkipped()));
    rows.add(row("requests / retries / answered 429", s.requests(), s.retries(), s.rateLimited()));
    rows.add(
        List.of(
            "cache hits (saved)",
            Numbers.count(s.cacheHits()) + " (" + Numbers.usd(s.savedUsd()) + ")"));
    rows.add(
        row(
            "beliefs (merged) / found / ungrounded dropped",
            s.beliefs(),
            s.beliefsFound(),
            s.ungroundedDropped()));
    rows.add(
        row(
            "tokens prompt / cached / completion",
            s.promptTokens(),
            s.cachedPromptTokens(),
            s.completionTokens()));
    rows.add(
        List.of(
            "cost",
            Numbers.usd(s.costUsd())
                + (s.maxCostUsd() == null ? "" : " of a cap of " + Numbers.usd(s.maxCostUsd()))));
    return new Table("Summary", List.of("what", "value"), rows);
  }

  private static List<String> row(String what, long... values) {
    return List.of(
        what,
        java.util.Arrays.stream(values)
            .mapToObj(Numbers::count)
            .collect(Collectors.joining(" / ")));
  }

  private Table levelTable() {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<Integer, Totals> level : data.summary().perLevel().entrySet()) {
      Totals t = level.getValue();
      rows.add(
          List.of(
              Integer.toString(level.getKey()),
              Numbers.count(t.chunks()),
              Numbers.count(t.chunksFailed()),
              Numbers.count(t.beliefs()),
              Numbers.count(t.promptTokens()),
              Numbers.count(t.cachedPromptTokens()),
              Numbers.count(t.completionTokens()),
              Numbers.usd(t.costUsd())));
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
            "cost"),
        rows);
  }

  private Table latencyTable() {
    Latency l = data.summary().latencyMs();
    return new Table(
        "Latency per chunk (ms)",
        List.of("calls", "p50", "p90", "p99", "max", "mean"),
        List.of(
            List.of(
                Numbers.count(l.count()),
                Numbers.count(l.p50Ms()),
                Numbers.count(l.p90Ms()),
                Numbers.count(l.p99Ms()),
                Numbers.count(l.maxMs()),
                String.format(Locale.ROOT, "%,.1f", l.meanMs()))));
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
        Numbers.count(peak),
        limit > 0 ? Numbers.count(limit) : "none set",
        limit > 0 ? Numbers.percent((double) peak / limit) : "-");
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
      labels.add("≤" + Numbers.count(bucket.upToMs() + 1) + " ms");
      values.add((double) bucket.count());
    }
    return new BarChart("Latency per chunk", "calls", labels, values);
  }
}
