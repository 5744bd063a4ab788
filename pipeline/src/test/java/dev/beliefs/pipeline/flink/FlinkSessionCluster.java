package dev.beliefs.pipeline.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The integration tests' own Flink session cluster: {@code runner-configs/flink-cluster/cluster.sh}
 * with its state in {@code pipeline/target/flink-it-cluster} and its fixed ports moved by {@value
 * #PORT_OFFSET} (REST 18181, RPC 16223, blob 16224), so that it never meets a developer's cluster
 * on 18081 and a test never kills a TaskManager it did not start.
 *
 * <p>The TaskManagers get the environment given to {@link #start}, the API key included. One test
 * JVM on the machine holds the cluster at a time (a file lock in the temp directory; other builds
 * wait for it). {@link #close()} stops it by recorded PID; so does a shutdown hook when the JVM is
 * stopped first, and {@code .ci/run} on exit.
 */
final class FlinkSessionCluster implements AutoCloseable {

  static final int PORT_OFFSET = 100;
  static final int REST_PORT = 18081 + PORT_OFFSET;
  private static final List<Integer> PORTS =
      List.of(REST_PORT, 16123 + PORT_OFFSET, 16124 + PORT_OFFSET);
  private static final Duration LOCK_WAIT = Duration.ofMinutes(20);
  private static final Duration PORTS_WAIT = Duration.ofMinutes(3);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  private final Path dir;
  private final Map<String, String> environment;
  private final FileChannel lockFile;
  private final FileLock lock;
  private final Thread stopOnExit;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private boolean closed;

  private FlinkSessionCluster(
      Path dir, Map<String, String> environment, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.environment = environment;
    this.lockFile = lockFile;
    this.lock = lock;
    this.stopOnExit = new Thread(this::stopQuietly, "stop-flink-it-cluster");
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers and waits until all have registered.
   *
   * @param environment added to this JVM's environment (minus any real {@code OPENAI_API_KEY}) for
   *     the cluster's processes
   */
  static FlinkSessionCluster start(Map<String, String> environment, int taskManagers)
      throws IOException, InterruptedException {
    FlinkSessionCluster cluster = start(environment);
    try {
      for (int i = 1; i < taskManagers; i++) {
        cluster.startTaskManager();
      }
      cluster.awaitTaskManagers(taskManagers);
      return cluster;
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Starts a JobManager and a TaskManager and waits until a slot is free.
   *
   * @param environment added to this JVM's environment (minus any real {@code OPENAI_API_KEY}) for
   *     the cluster's processes
   */
  static FlinkSessionCluster start(Map<String, String> environment)
      throws IOException, InterruptedException {
    Path dir = TestFiles.projectRoot().resolve("pipeline/target/flink-it-cluster");
    Files.createDirectories(dir);
    Path lockPath = Path.of(System.getProperty("java.io.tmpdir"), "belief-pipeline-flink-it.lock");
    FileChannel lockFile =
        FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = awaitLock(lockFile);
    FlinkSessionCluster cluster = new FlinkSessionCluster(dir, environment, lockFile, lock);
    try {
      // Processes a killed earlier run of these tests left behind (cluster.sh checks each PID is
      // still this cluster's JVM).
      cluster.script("stop");
      awaitFreePorts();
      Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
      cluster.script("start");
      return cluster;
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code HOST:PORT} for {@code --flinkMaster}. */
  String master() {
    return "127.0.0.1:" + REST_PORT;
  }

  /** The REST API's answer to a GET, such as {@code /jobs/overview}, as text. */
  String getText(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + master() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode() + response.body());
    }
    return response.body();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return Json.MAPPER.readTree(getText(path));
  }

  /** {@code kill -9} of the TaskManager started last, by its recorded PID. */
  void killTaskManager() throws IOException, InterruptedException {
    script("kill-taskmanager");
  }

  /** One more TaskManager; returns as soon as it is launched, not when it has registered. */
  void startTaskManager() throws IOException, InterruptedException {
    script("start-taskmanager");
  }

  /** Waits until exactly {@code count} TaskManagers are registered (a dead one is dropped). */
  void awaitTaskManagers(int count) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(PORTS_WAIT);
    while (get("/overview").path("taskmanagers").asInt() != count) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "not " + count + " TaskManagers after " + PORTS_WAIT + ": " + getText("/overview"));
      }
      Thread.sleep(500);
    }
  }

  /** The ids of the registered TaskManagers. */
  List<String> taskManagerIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode taskManager : get("/taskmanagers").path("taskmanagers")) {
      ids.add(taskManager.path("id").asText());
    }
    return ids;
  }

  /** The names of a TaskManager's live threads, from its thread dump. */
  List<String> threadNames(String taskManagerId) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    for (JsonNode thread :
        get("/taskmanagers/" + taskManagerId + "/thread-dump").path("threadInfos")) {
      names.add(thread.path("threadName").asText());
    }
    return names;
  }

  /** A TaskManager's metric, such as {@code Status.JVM.Memory.Metaspace.Used}. */
  long metric(String taskManagerId, String name) throws IOException, InterruptedException {
    JsonNode values = get("/taskmanagers/" + taskManagerId + "/metrics?get=" + name);
    return values.path(0).path("value").asLong();
  }

  /** Cancels a job through the REST API, as {@code flink cancel} does. */
  void cancel(String jobId) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + master() + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IOException("PATCH /jobs/" + jobId + ": HTTP " + response.statusCode());
    }
  }

  /** Every log and stdout file of the cluster's processes, concatenated. */
  String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir.resolve("log"))) {
      for (Path file : files.sorted().toList()) {
        all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  Path logDirectory() {
    return dir.resolve("log");
  }

  /** The configuration the cluster runs with, as a Flink client's {@code FLINK_CONF_DIR}. */
  Path confDirectory() {
    return dir.resolve("conf");
  }

  /** Flink's jars, as cluster.sh resolved them: what a distribution's {@code lib/} holds. */
  String classpath() throws IOException {
    return Files.readString(dir.resolve("classpath.txt")).strip();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is already shutting down, or the hook was never added.
    }
    stopQuietly();
    try {
      lock.release();
      lockFile.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stopQuietly() {
    try {
      script("stop");
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop the Flink IT cluster in " + dir + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void script(String command) throws IOException, InterruptedException {
    Path script = TestFiles.projectRoot().resolve("runner-configs/flink-cluster/cluster.sh");
    Path output = dir.resolve("cluster-sh.out");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    Map<String, String> env = builder.environment();
    env.remove("OPENAI_API_KEY");
    env.putAll(environment);
    env.put("FLINK_CLUSTER_DIR", dir.toString());
    env.put("FLINK_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("cluster.sh " + command + " took over " + SCRIPT_TIMEOUT);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "cluster.sh " + command + " failed (exit " + process.exitValue() + "):\n" + tail(output));
    }
  }

  private static FileLock awaitLock(FileChannel lockFile) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(LOCK_WAIT);
    boolean told = false;
    while (true) {
      FileLock lock = lockFile.tryLock();
      if (lock != null) {
        return lock;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "another build held the Flink IT cluster for over " + LOCK_WAIT + "; try again later");
      }
      if (!told) {
        System.err.println("Waiting for another build's Flink IT cluster to stop ...");
        told = true;
      }
      Thread.sleep(1_000);
    }
  }

  /** Waits while something this test did not start listens on one of the cluster's ports. */
  private static void awaitFreePorts() throws InterruptedException {
    Instant deadline = Instant.now().plus(PORTS_WAIT);
    while (true) {
      Integer busy = PORTS.stream().filter(FlinkSessionCluster::listening).findFirst().orElse(null);
      if (busy == null) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "port "
                + busy
                + " on 127.0.0.1 stayed in use for "
                + PORTS_WAIT
                + " by a process these tests did not start; the Flink IT cluster needs ports "
                + PORTS);
      }
      Thread.sleep(1_000);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e + ")";
    }
  }
}
