package dev.beliefs.pipeline.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.TestFiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong {@code --flinkMaster} is a configuration error, reported at once, never a hang. */
class BadFlinkMasterIT {

  @TempDir Path temp;

  @Test
  void aFlinkMasterWhereNothingListens_failsInSeconds_withOneLineAndExit2() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path output = temp.resolve("out");

    ChildJvm.Result result =
        ChildJvm.startJar(
                temp,
                Map.of(),
                "extract",
                "--input=" + TestFiles.projectRoot().resolve("samples") + "/*.txt",
                "--output=" + output,
                "--runner=FlinkRunner",
                "--flinkMaster=127.0.0.1:" + port)
            .await(Duration.ofMinutes(3)); // a guard against a hang through the client's retries

    System.out.printf(
        "--flinkMaster with nothing listening: exit %d after %s%n",
        result.exit(), result.elapsed());
    assertEquals(ExitCode.BAD_CONFIGURATION, result.exit(), result.describe());
    List<String> lines = result.stderr().lines().filter(line -> !line.isBlank()).toList();
    assertEquals(1, lines.size(), result.describe());
    assertTrue(
        lines.get(0).startsWith("error: --flinkMaster=127.0.0.1:" + port + ": "), lines.get(0));
    // The job's own check of the REST API said so, before the Flink client's retries could start.
    assertTrue(lines.get(0).contains(": no Flink REST API answers at http://"), lines.get(0));
    assertEquals("", result.stdout());
    assertFalse(Files.exists(output), "nothing may run");
  }
}
