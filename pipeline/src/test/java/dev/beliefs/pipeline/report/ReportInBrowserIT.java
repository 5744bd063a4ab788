package dev.beliefs.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.ExtractCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a real run opens in headless Chromium with no console errors. */
class ReportInBrowserIT {

  @TempDir Path temp;

  @Test
  void reportOfARunRendersWithItsTablesAndChartsAndNoConsoleErrors() throws Exception {
    Path out = temp.resolve("out");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
    int exit =
        new ExtractCommand(quiet, quiet, () -> null)
            .run(new String[] {"--input=" + samples + "/*.txt", "--output=" + out});
    assertEquals(ExitCode.OK, exit);

    HeadlessChromium.Page page = HeadlessChromium.load(out.resolve(RunReport.HTML), temp);

    assertEquals(java.util.List.of(), page.consoleMessages());
    assertTrue(page.dom().contains("<h1>Belief extraction run</h1>"), page.dom());
    assertTrue(page.dom().contains("<h2>Rate-limit headroom (busiest minute)</h2>"));
    assertTrue(page.dom().contains("nasa-hwhap-ep218"));
    assertEquals(2, page.dom().split("<svg ", -1).length - 1, "both charts render");
  }

  @Test
  void theConsoleCheckCatchesAPageThatErrs() throws Exception {
    Path broken = temp.resolve("broken.html");
    Files.writeString(
        broken,
        "<!DOCTYPE html><html><body><script>console.error('boom'); missing();</script></body></html>");

    HeadlessChromium.Page page = HeadlessChromium.load(broken, temp);

    assertEquals(2, page.consoleMessages().size(), page.consoleMessages().toString());
  }
}
