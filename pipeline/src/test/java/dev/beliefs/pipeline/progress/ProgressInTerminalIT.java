package dev.beliefs.pipeline.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.TestFiles;
import dev.beliefs.pipeline.sim.RunningSimulator;
import dev.beliefs.pipeline.sim.Simulator;
import dev.beliefs.pipeline.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./beliefs extract} in a real terminal (a tmux pane on a server of its own) against the
 * simulator: the screen shows the bar's count of chunks done rising while the job runs. Counts, not
 * times, are asserted: the screen is read until the run's last line appears, however long it takes.
 */
class ProgressInTerminalIT {

  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final Pattern BAR = Pattern.compile("chunks +\\d+% \\[[^\\]]*\\] +(\\d+)/(\\d+)");
  private static final String RUN_LINE = "1 file: 1 transcript read, 0 unreadable;";

  private static final String EXITED = "beliefs-exited";

  @TempDir Path temp;
  private final String socket = "beliefs-it-" + UUID.randomUUID();
  private RunningSimulator simulator;

  @AfterEach
  void stopTmuxServer() throws Exception {
    tmux("kill-server");
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void theBarShowsAtLeastFiveRisingCountsOfChunksDoneBeforeTheRunEnds() throws Exception {
    // About 14 s a call at scale 1: 43 calls, 4 at a time, take half a minute or so.
    simulator = Simulator.start(SimulatorConfig.builder().timeScale(0.15).build());
    Path root = TestFiles.projectRoot();
    String command =
        String.join(
            " ",
            "env -u OPENAI_API_KEY",
            root.resolve("beliefs").toString(),
            "extract",
            "--input='" + root.resolve("samples") + "/*.txt'",
            "--output=" + temp.resolve("out"),
            "--baseUrl=" + simulator.baseUrl(),
            "--cheapMode",
            "--workers=4",
            "; touch " + temp.resolve(EXITED),
            "; sleep 600");
    assertEquals(0, tmux("new-session", "-d", "-s", "run", "-x", "220", "-y", "40", command));

    List<Long> seen = new ArrayList<>();
    long total = 0;
    String screen = "";
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!screen.contains(RUN_LINE)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no run line within " + DEADLINE + "; screen:\n" + screen);
      }
      Thread.sleep(200);
      screen = capture();
      if (screen.contains(RUN_LINE)) {
        break; // counts shown together with the run line came after the end
      }
      Matcher bar = BAR.matcher(screen);
      while (bar.find()) {
        long done = Long.parseLong(bar.group(1));
        total = Long.parseLong(bar.group(2));
        if (seen.isEmpty() || seen.get(seen.size() - 1) != done) {
          seen.add(done);
        }
      }
    }

    // The run line comes before the JVM has exited; the temporary directory must outlive it.
    while (!Files.exists(temp.resolve(EXITED))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("./beliefs did not exit within " + DEADLINE);
      }
      Thread.sleep(200);
    }

    List<Long> rising = seen.stream().filter(done -> done > 0).distinct().toList();
    assertTrue(rising.size() >= 5, "counts seen while running: " + seen + "\n" + screen);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "counts went down: " + seen);
    }
    assertEquals(43, total, "the bar counts the chunks to send");
    assertTrue(screen.contains("43 chunks (0 failed"), screen);
  }

  private String capture() throws IOException, InterruptedException {
    Process capture =
        new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", "run")
            .redirectErrorStream(true)
            .start();
    String screen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    capture.waitFor(10, TimeUnit.SECONDS);
    return screen;
  }

  private int tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
    tmux.getInputStream().readAllBytes();
    return tmux.waitFor(30, TimeUnit.SECONDS) ? tmux.exitValue() : -1;
  }
}
