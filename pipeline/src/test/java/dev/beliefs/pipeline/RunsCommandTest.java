package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

  @TempDir Path temp;

  @Test
  void twoRunsOverOneOutput_areTwoRowsWithTheirConfigurationAndCounts() {
    Path out = temp.resolve("out");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    for (int workers : new int[] {1, 3}) {
      int exit =
          new ExtractCommand(quiet, quiet, () -> null)
              .run(
                  new String[] {
                    "--input=" + ExtractCommandTest.samples() + "/*.txt",
                    "--output=" + out,
                    "--workers=" + workers
                  });
      assertEquals(ExitCode.OK, exit);
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int exit =
        new RunsCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), quiet)
            .run(new String[] {out.toString()});

    assertEquals(ExitCode.OK, exit);
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("#"));
    for (int row = 1; row <= 2; row++) {
      List<String> cells = List.of(lines.get(row).strip().split("\\s+"));
      assertEquals(Integer.toString(row), cells.get(0));
      assertEquals("0", cells.get(2), "exit code");
      assertEquals("completed", cells.get(3), "status");
      assertEquals("DirectRunner", cells.get(4));
      assertEquals(row == 1 ? "1" : "3", cells.get(5), "workers");
      assertEquals("offline-rules", cells.get(6));
      assertEquals("[1,5]", cells.get(7));
      assertEquals("1", cells.get(8), "transcripts");
      assertEquals("0", cells.get(10), "requests");
      assertEquals("0.1.0-SNAPSHOT", cells.get(16), "version");
    }
  }

  @Test
  void aDirectoryWithoutRuns_isAConfigurationError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new RunsCommand(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {temp.toString()});

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(err.toString().contains("no runs recorded"), err.toString());
  }
}
