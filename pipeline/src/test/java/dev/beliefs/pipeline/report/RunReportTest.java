package dev.beliefs.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.cost.Latency;
import dev.beliefs.cost.Totals;
import dev.beliefs.extract.RateLimits;
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
            BigDecimal.ZERO);
    Totals level5 =
        new Totals(
            2, 0, 2, 0, 0, 0, 6_000, 0, 400, new BigDecimal("0.0011"), 3, 0, 0, 0, BigDecimal.ZERO);
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
            27_300);
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
    return new ReportData(
        summary,
        new RateLimits(500, 200_000),
        Map.of("ep<1>", List.of(belief)),
        List.of(
            new Failure(
                "ep<1>#L1-W0004", "extract", "rate_limited", "gave up after 6 attempts", 6)));
  }

  @Test
  void markdownHasEveryTableTheChartsAndTheBeliefsWithTimes() {
    String md = new RunReport(data()).markdown();

    assertTrue(md.contains("| 1 | 10 | 1 | 7 | 20000 | 1024 | 900 | 0.0035 |"), md);
    assertTrue(md.contains("| requests | 14 | 500 | 2.8% |"), md);
    assertTrue(md.contains("| tokens (prompt + completion) | 27300 | 200000 | 13.7% |"), md);
    assertTrue(md.contains("| 11 | 900 | 1500 | 2100 | 2100 | 950.5 |"), md);
    assertTrue(
        md.contains("| ep<1>#L1-W0004 | extract | rate_limited | gave up after 6 attempts | 6 |"),
        md);
    assertTrue(md.contains("![cost by level](report-cost-by-level.svg)"), md);
    assertTrue(md.contains("> the teachers are the real innovators (u3, 1:02:05–1:02:11)"), md);
  }

  @Test
  void htmlEscapesTranscriptTextAndInlinesBothCharts() {
    String html = new RunReport(data()).html();

    assertTrue(html.contains("Teachers are &lt;b&gt;innovators&lt;/b&gt;."), html);
    assertTrue(html.contains("<b>Kay &amp; Co</b>"), html);
    assertFalse(html.contains("<b>innovators</b>"));
    assertEquals(2, html.split("<svg ", -1).length - 1);
    assertFalse(html.contains("<script"), "the report needs no script");
  }

  @Test
  void charts_haveOneBarPerLevelAndPerLatencyBucket() {
    RunReport report = new RunReport(data());

    assertEquals(List.of("level 1", "level 5"), report.costChart().labels());
    assertEquals(List.of(0.0035, 0.0011), report.costChart().values());
    assertEquals(List.of("≤100ms", "≤1600ms", "≤3200ms"), report.latencyChart().labels());
    assertEquals(2, report.costChart().svg().split("<rect x=", -1).length - 1);
  }
}
