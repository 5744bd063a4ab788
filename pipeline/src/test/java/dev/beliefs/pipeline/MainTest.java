package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void simulateIsACommand_whoseBadArgumentsExitTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        Main.run(
            new String[] {"simulate", "--port=-1"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port"), err.toString());
  }

  @Test
  void theUsageNamesTheSimulateCommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Main.run(
        new String[] {"help"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));

    assertTrue(out.toString(StandardCharsets.UTF_8).contains("simulate  --port=P"), out.toString());
  }
}
