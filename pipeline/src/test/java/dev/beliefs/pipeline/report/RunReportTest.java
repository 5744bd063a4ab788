package dev.beliefs.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.cost.Latency;
import dev.beliefs.cost.Totals;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.io.RunSummary;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.Failure;
import dev.beliefs.model.MergedBelief;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunReportTest {

  static ReportData data() {
    Totals level1 =
        new Totals(
            10,
            1,
            12,
            0,
            2,
            1,
            20_000,
            1_024,
            900,
            new BigDecimal("0.0035"),
            7,
            1,
            0,
            0,
            BigDecimal.ZERO,
            0,
            BigDecimal.ZERO,
            0);
    Totals level5 =
        new Totals(
            2,
            0,
            2,
            0,
            0,
            0,
            6_000,
            0,
            400,
            new BigDecimal("0.0011"),
            3,
            0,
            0,
            0,
            BigDecimal.ZERO,
            0,
            BigDecimal.ZERO,
            0);
    RunSummary summary =
        new RunSummary(
            1, // transcripts
            0, // failed
            0, // skipped
            12, // chunks
            1, // chunks failed
            3, // chunks skipped
            14, // requests
            0, // cache hits
            0, // cache corrupt
            2, // retries
            1, // rate limited
            4, // beliefs
            10, // beliefs found
            1, // ungrounded
            0, // injection
            26_000,
            1_024,
            1_300,
            new BigDecimal("0.0046"),
            BigDecimal.ZERO,
            12.5,
            4,
            "DirectRunner",
            "gpt-4o-mini",
            false, // batch
            "extract-beliefs.v1",
            null,
            new TreeMap<>(Map.of(1, level1, 5, level5)),
            new TreeMap<>(Map.of("gpt-4o-mini", level1.plus(level5))),
            new Latency(
                11,
                900,
                1500,
                2100,
                2100,
                950.5,
                List.of(
                    new Latency.Bucket(99, 0),
                    new Latency.Bucket(1599, 9),
                    new Latency.Bucket(3199, 2))),
            14,
            27_300,
            0,
            BigDecimal.ZERO,
            0,
            0,
            new TreeMap<>());
    MergedBelief belief =
        new MergedBelief(
            "ep<1>",
            "abc123",
            "Kay & Co",
            "Teachers are <b>innovators</b>.",
            "affirms",
            0.75,
            "teaching",
            List.of(1, 5),
            List.of(new Evidence("the teachers are the real innovators", 3, 3725.0, 3731.5)));
    MergedBelief doubt =
        new MergedBelief(
            "ep<1>",
            "def456",
            "Host",
            "Budgets will not grow.",
            "denies",
            0.4,
            "budget",
            List.of(5),
            List.of(new Evidence("I doubt budgets grow", 7, null, null)));
    MergedBelief second =
        new MergedBelief(
            "ep2",
            "aaa111",
            "Kay & Co",
            "Schools should teach coding.",
            "affirms",
            0.9,
            "teaching",
            List.of(1),
            List.of(new Evidence("every school should teach coding", 1, null, null)));
    return new ReportData(
        summary,
        new RateLimits(500, 200_000),
        new TreeMap<>(Map.of("ep<1>", List.of(belief, doubt), "ep2", List.of(second))),
        List.of(
            new Failure(
                "ep<1>#L1-W0004", "extract", "rate_limited", "gave up after 6 attempts", 6)),
        null);
  }

  @Test
  void markdownHasContentsEveryTableTheChartsAndTheBeliefsWithTimes() {
    String md = new RunReport(data()).markdown();

    assertTrue(
        md.contains("## Contents\n\n- [Summary](#summary)\n- [Per level](#per-level)\n"), md);
    assertTrue(
        md.contains(
            "- [Rate-limit headroom (busiest minute)](#rate-limit-headroom-busiest-minute)"),
        md);
    assertTrue(md.contains("| 1 | 10 | 1 | 7 | 20,000 | 1,024 | 900 | $0.0035 |"), md);
    assertTrue(md.contains("| requests | 14 | 500 | 2.8% |"), md);
    assertTrue(md.contains("| tokens (prompt + completion) | 27,300 | 200,000 | 13.7% |"), md);
    assertTrue(md.contains("| 11 | 900 | 1,500 | 2,100 | 2,100 | 950.5 |"), md);
    assertTrue(md.contains("| tokens prompt / cached / completion | 26,000 / 1,024 / 1,300 |"), md);
    assertTrue(md.contains("| cost | $0.0046 |"), md);
    assertTrue(
        md.contains("| ep<1>#L1-W0004 | extract | rate_limited | gave up after 6 attempts | 6 |"),
        md);
    assertTrue(md.contains("![cost by level](report-cost-by-level.svg)"), md);
    assertTrue(md.contains("> the teachers are the real innovators (u3, 1:02:05–1:02:11)"), md);
  }

  @Test
  void speakersHaveTheirStanceCountsAndTopics_mostBeliefsFirst() {
    String md = new RunReport(data()).markdown();

    String speakers = md.substring(md.indexOf("## Speakers"), md.indexOf("## Topics"));
    assertTrue(
        speakers.startsWith(
            "## Speakers\n\n### Kay & Co (2)\n\nStances: affirms 2. Topics: teaching (2).\n\n"
                + "### Host (1)\n\nStances: denies 1. Topics: budget (1).\n\n"),
        speakers);
    String topics = md.substring(md.indexOf("## Topics"), md.indexOf("## Beliefs"));
    assertTrue(topics.contains("| teaching | 2 | Kay & Co |\n| budget | 1 | Host |"), topics);
  }

  @Test
  void htmlEscapesTranscriptText_inlinesBothCharts_andMarksEachBeliefForTheFilters() {
    String html = new RunReport(data()).html();

    assertTrue(html.contains("Teachers are &lt;b&gt;innovators&lt;/b&gt;."), html);
    assertTrue(html.contains("<b>Kay &amp; Co</b>"), html);
    assertFalse(html.contains("<b>innovators</b>"));
    assertEquals(2, html.split("<svg ", -1).length - 1);
    assertTrue(
        html.contains(
            "<li class=\"belief\" data-speaker=\"Host\" data-stance=\"denies\""
                + " data-topic=\"budget\" data-confidence=\"0.40\">"),
        html);
    assertTrue(
        html.contains("<option>Kay &amp; Co</option><option>Host</option>")
            || html.contains("<option>Host</option><option>Kay &amp; Co</option>"),
        html);
    assertFalse(html.contains("src=\"http"), "the page loads nothing from the network");
    assertFalse(html.contains("<h2>Evaluation"), "no eval.json, no evaluation");
  }

  @Test
  void evalJsonBecomesATableOfItsFigures() throws Exception {
    ReportData base = data();
    ReportData withEval =
        new ReportData(
            base.summary(),
            base.limits(),
            base.beliefsByTranscript(),
            base.failures(),
            dev.beliefs.json.Json.MAPPER.readTree(
                "{\"gold\": \"../shared/data/gold\", \"transcripts\": [{\"transcript_id\":"
                    + " \"ep2\", \"predictions\": 12, \"references\": 10, \"core_references\":"
                    + " 6, \"matched\": 8, \"matched_core\": 5, \"precision\": 0.6667,"
                    + " \"recall_core\": 0.8333, \"recall_all\": 0.8, \"f1\": 0.7273,"
                    + " \"stance_agreement\": null, \"levels\": {\"1\": 7}}], \"total\":"
                    + " {\"transcript_id\": \"total\", \"predictions\": 12, \"references\": 10,"
                    + " \"core_references\": 6, \"matched\": 8, \"matched_core\": 5,"
                    + " \"precision\": 0.6667, \"recall_core\": 0.8333, \"recall_all\": 0.8,"
                    + " \"f1\": 0.7273, \"stance_agreement\": 1.0, \"levels\": {}}}"));

    String md = new RunReport(withEval).markdown();

    assertTrue(
        md.contains(
            "- [Evaluation against ../shared/data/gold](#evaluation-against-shareddatagold)"),
        md);
    assertTrue(
        md.contains("| ep2 | 12 | 10 (6) | 8 (5) | 66.7% | 83.3% | 80.0% | 72.7% | - |"), md);
    assertTrue(
        md.contains("| total | 12 | 10 (6) | 8 (5) | 66.7% | 83.3% | 80.0% | 72.7% | 100.0% |"),
        md);
  }

  @Test
  void charts_haveOneBarPerLevelAndPerLatencyBucket_andAYAxisWithItsUnit() {
    RunReport report = new RunReport(data());

    assertEquals(List.of("level 1", "level 5"), report.costChart().labels());
    assertEquals(List.of(0.0035, 0.0011), report.costChart().values());
    assertEquals(List.of("≤100 ms", "≤1,600 ms", "≤3,200 ms"), report.latencyChart().labels());
    String svg = report.costChart().svg();
    assertEquals(2, svg.split("<rect x=", -1).length - 1);
    assertTrue(svg.contains(">USD</text>"), svg);
    assertTrue(svg.contains(">0.004</text>"), "the top tick, a round value above $0.0035: " + svg);
    String latency = report.latencyChart().svg();
    assertTrue(latency.contains(">calls</text>") && latency.contains(">10</text>"), latency);
  }

  @Test
  void niceStepsAreRoundNumbers() {
    assertEquals(0.001, BarChart.niceStep(0.000875), 1e-12);
    assertEquals(2.5, BarChart.niceStep(2.25), 1e-12);
    assertEquals(5, BarChart.niceStep(4.1), 1e-12);
    assertEquals(1, BarChart.niceStep(0), 1e-12);
  }
}
