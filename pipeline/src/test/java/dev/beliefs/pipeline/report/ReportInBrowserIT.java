package dev.beliefs.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.ExtractCommand;
import dev.beliefs.pipeline.TestFiles;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run, opened in headless Chromium from its file: its sections are there,
 * nothing errs in the console, and its filters hide the beliefs they rule out.
 */
class ReportInBrowserIT {

  private static final Pattern BELIEF = Pattern.compile("<li class=\"belief\"([^>]*)>");

  @TempDir static Path temp;
  private static Path report;

  @BeforeAll
  static void runTheSample() {
    Path out = temp.resolve("out");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Path samples = TestFiles.projectRoot().resolve("samples");
    int exit =
        new ExtractCommand(quiet, quiet, () -> null)
            .run(new String[] {"--input=" + samples + "/*.txt", "--output=" + out});
    assertEquals(ExitCode.OK, exit);
    report = out.resolve(RunReport.HTML);
  }

  @Test
  void theReportRendersItsSectionsAndChartsWithNoConsoleErrors() throws Exception {
    HeadlessChromium.Page page = HeadlessChromium.load(report, temp.resolve("plain"));

    assertEquals(List.of(), page.consoleMessages());
    String dom = page.dom();
    assertTrue(dom.contains("<h1>Belief extraction run</h1>"), dom);
    for (String section :
        List.of(
            "summary",
            "per-level",
            "latency-per-chunk-ms",
            "rate-limit-headroom-busiest-minute",
            "charts",
            "speakers",
            "topics",
            "beliefs")) {
      assertTrue(dom.contains("<section id=\"" + section + "\">"), section + " missing");
      assertTrue(dom.contains("<a href=\"#" + section + "\">"), section + " not in the contents");
    }
    assertTrue(dom.contains("nasa-hwhap-ep218"));
    assertEquals(2, dom.split("<svg ", -1).length - 1, "both charts render");
    List<String> beliefs = beliefs(dom);
    assertEquals(0, beliefs.stream().filter(b -> b.contains(" hidden")).count());
    int total = beliefs.size() / 2; // each is listed under its speaker and its transcript
    assertTrue(dom.contains(">" + total + " of " + total + " beliefs shown<"), dom);
  }

  @Test
  void aSpeakerFilterHidesEveryOtherSpeakersBeliefs() throws Exception {
    String url =
        report.toUri()
            + "#speaker="
            + URLEncoder.encode("Kay Taylor", StandardCharsets.UTF_8).replace("+", "%20");

    HeadlessChromium.Page page = HeadlessChromium.load(url, temp.resolve("speaker"));

    assertEquals(List.of(), page.consoleMessages());
    List<String> beliefs = beliefs(page.dom());
    List<String> shown = beliefs.stream().filter(b -> !b.contains(" hidden")).toList();
    List<String> hidden = beliefs.stream().filter(b -> b.contains(" hidden")).toList();
    assertFalse(shown.isEmpty(), "Kay Taylor's beliefs are shown");
    assertFalse(hidden.isEmpty(), "the host's beliefs are hidden");
    shown.forEach(b -> assertTrue(b.contains("data-speaker=\"Kay Taylor\""), b));
    hidden.forEach(b -> assertFalse(b.contains("data-speaker=\"Kay Taylor\""), b));
    Matcher count = Pattern.compile(">(\\d+) of (\\d+) beliefs shown<").matcher(page.dom());
    assertTrue(count.find(), page.dom());
    assertEquals(shown.size() / 2, Integer.parseInt(count.group(1)));
  }

  @Test
  void aConfidenceFilterHidesTheLessCertainBeliefs() throws Exception {
    HeadlessChromium.Page page =
        HeadlessChromium.load(report.toUri() + "#confidence=0.7", temp.resolve("confidence"));

    List<String> beliefs = beliefs(page.dom());
    Pattern confidence = Pattern.compile("data-confidence=\"([0-9.]+)\"");
    int hidden = 0;
    for (String belief : beliefs) {
      Matcher value = confidence.matcher(belief);
      assertTrue(value.find(), belief);
      boolean sure = Double.parseDouble(value.group(1)) >= 0.7;
      assertEquals(!sure, belief.contains(" hidden"), belief);
      hidden += sure ? 0 : 1;
    }
    assertTrue(hidden > 0 && hidden < beliefs.size(), "the sample has beliefs on both sides");
  }

  @Test
  void theConsoleCheckCatchesAPageThatErrs() throws Exception {
    Path broken = temp.resolve("broken.html");
    Files.writeString(
        broken,
        "<!DOCTYPE html><html><body><script>console.error('boom'); missing();</script></body></html>");

    HeadlessChromium.Page page = HeadlessChromium.load(broken, temp.resolve("broken"));

    assertEquals(2, page.consoleMessages().size(), page.consoleMessages().toString());
  }

  /** The opening tags of every belief item, with their attributes as the page left them. */
  private static List<String> beliefs(String dom) {
    List<String> items = new ArrayList<>();
    Matcher item = BELIEF.matcher(dom);
    while (item.find()) {
      items.add(item.group());
    }
    return items;
  }
}
