package dev.beliefs.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server on 127.0.0.1 for the bucket ITs: Adobe's S3Mock, started once per test
 * run as a separate JVM from its Spring Boot jar, or the one at {@code S3MOCK_ENDPOINT} when that
 * is set (so a CI script can start it first). Test classes get it with
 * {@code @ExtendWith(S3Mock.Extension.class)} and an {@code S3Mock} parameter.
 *
 * <p>The jar is {@code -Ds3mock.jar} (the POM copies it into {@code target/s3mock/}), else the
 * local Maven repository's. Ports are free ones; readiness is polled with a deadline; the server is
 * stopped by its own process handle, never by name.
 */
final class S3Mock implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  static final String REGION = "us-east-1";
  static final String VERSION = "4.0.0";
  private static final Duration READY_DEADLINE = Duration.ofSeconds(90);

  private final URI endpoint;
  private final Process process;
  private final Path root;
  private final Path log;
  private final S3Client client;
  private boolean closed;

  private S3Mock(URI endpoint, Process process, Path root, Path log) {
    this.endpoint = endpoint;
    this.process = process;
    this.root = root;
    this.log = log;
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
            .build();
  }

  /** The endpoint, {@code http://127.0.0.1:PORT}. */
  URI endpoint() {
    return endpoint;
  }

  /** The Beam options that point the job's s3:// file system at this server. */
  List<String> beamOptions() {
    return List.of(
        "--awsRegion=" + REGION,
        "--endpoint=" + endpoint,
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
            + "\"accessKeyId\":\"dummy\",\"secretAccessKey\":\"dummy\"}");
  }

  void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  void put(String bucket, String key, byte[] bytes) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  byte[] get(String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  /** Keys under {@code prefix}, sorted. */
  List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    client
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach((S3Object object) -> keys.add(object.key()));
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  static S3Mock start() throws IOException, InterruptedException {
    String given = System.getenv("S3MOCK_ENDPOINT");
    if (given != null && !given.isBlank()) {
      return new S3Mock(URI.create(given.strip()), null, null, null);
    }
    Path jar = jar();
    int httpsPort = freePort();
    int httpPort = freePort();
    Path root = Files.createTempDirectory("s3mock-root");
    Path log = Files.createTempFile("s3mock-", ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-jar",
            jar.toString(),
            "--server.address=127.0.0.1",
            "--server.port=" + httpsPort,
            "--com.adobe.testing.s3mock.httpPort=" + httpPort,
            "--com.adobe.testing.s3mock.region=" + REGION,
            "--com.adobe.testing.s3mock.domain.root=" + root);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3Mock server = new S3Mock(URI.create("http://127.0.0.1:" + httpPort), process, root, log);
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest listBuckets =
        HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(2)).GET().build();
    Instant deadline = Instant.now().plus(READY_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Mock exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      try {
        if (http.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "S3Mock was not ready within " + READY_DEADLINE + ":\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Path jar() {
    String configured = System.getProperty("s3mock.jar");
    if (configured != null && Files.isRegularFile(Path.of(configured))) {
      return Path.of(configured);
    }
    String repository =
        System.getProperty(
            "maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    Path local =
        Path.of(repository, "com/adobe/testing/s3mock", VERSION, "s3mock-" + VERSION + "-exec.jar");
    if (!Files.isRegularFile(local)) {
      throw new IllegalStateException(
          "S3Mock's jar is neither at -Ds3mock.jar="
              + configured
              + " nor at "
              + local
              + "; run 'mvn verify', which copies it, or set S3MOCK_ENDPOINT");
    }
    return local;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server this class started (TERM, then KILL after a grace period). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(root);
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A temporary file.
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts one S3Mock for the whole test run and hands it to test methods and constructors. */
  static final class Extension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(S3Mock.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == S3Mock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return server(context);
    }

    private static S3Mock server(ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              "server",
              key -> {
                try {
                  return start();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              },
              S3Mock.class);
    }
  }
}
