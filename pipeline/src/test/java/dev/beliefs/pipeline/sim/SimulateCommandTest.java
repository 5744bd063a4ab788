package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.ExitCode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./beliefs simulate} from the command line's side. */
class SimulateCommandTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--timeScale=1",
        "--port=70000",
        "--port=0 --timeScale=-1",
        "--port=0 --rpm=-5",
        "--port=0 --faults=418:0.1",
        "--port=0 --faults=500:2",
        "--port=0 --faultTimeoutSeconds=0",
        "--port=0 --speed=11"
      })
  void badArguments_exitTwoWithAOneLineReason(String args) {
    int exit =
        new SimulateCommand(
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))
            .run(args.split(" "));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    String error = stderr.toString(StandardCharsets.UTF_8);
    assertTrue(error.startsWith("error: "), error);
    assertEquals(1, error.strip().lines().count(), error);
  }

  @Test
  void aPortInUse_exitsTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          new SimulateCommand(
                  new PrintStream(new ByteArrayOutputStream()),
                  new PrintStream(stderr, true, StandardCharsets.UTF_8))
              .run(new String[] {"--port=" + taken.getLocalPort()});

      assertEquals(ExitCode.BAD_CONFIGURATION, exit);
      assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("--port="));
    }
  }

  @Test
  void itPrintsOneLineWithItsBaseUrlWhenReady_andServesUntilStopped() throws Exception {
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread serving =
        new Thread(
            () ->
                exit.complete(
                    new SimulateCommand(out, new PrintStream(stderr))
                        .run(new String[] {"--port=0", "--timeScale=0", "--rpm=100"})));
    serving.start();
    String ready =
        new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();

    Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/v1)").matcher(ready);
    assertTrue(url.find(), ready);
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> models =
        client.send(
            HttpRequest.newBuilder(URI.create(url.group(1) + "/models")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, models.statusCode());
    assertEquals("100", models.headers().firstValue("x-ratelimit-limit-requests").orElseThrow());

    serving.interrupt();
    assertEquals(ExitCode.OK, exit.get(10, TimeUnit.SECONDS));
    assertThrows(
        ConnectException.class,
        () ->
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString()));
    serving.join(10_000);
    assertFalse(serving.isAlive());
  }
}
