package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.HttpResponse;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every request through the one transport carries, against a local server. */
class ApiTransportTest {

  private record Received(String method, String path, @Nullable String authorization) {}

  private final List<Received> received = new ArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization")));
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"error\": {\"message\": \"no\"}}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void requestsGoUnderTheBaseUrl_withTheBearerKey_andAnErrorStatusIsReturnedNotThrown()
      throws Exception {
    try (ApiTransport transport = transport("sk-test")) {
      HttpResponse get = transport.get(transport.url("/batches/b1")).execute();
      HttpResponse post =
          transport
              .post(transport.url("/files"), ByteArrayContent.fromString("text/plain", "x"))
              .execute();

      assertEquals(500, get.getStatusCode());
      assertEquals(500, post.getStatusCode());
    }
    assertEquals(
        List.of(
            new Received("GET", "/v1/batches/b1", "Bearer sk-test"),
            new Received("POST", "/v1/files", "Bearer sk-test")),
        received,
        "one request each: not retried");
  }

  @Test
  void withoutAKey_noAuthorizationIsSent() throws Exception {
    try (ApiTransport transport = transport(null)) {
      transport.get(transport.url("/models")).execute();
    }

    assertNull(received.get(0).authorization());
  }

  @Test
  void theKeyIsTakenOutOfTextTheServerSent() {
    try (ApiTransport transport = transport("sk-secret")) {
      assertEquals(
          "Incorrect API key provided: [the API key]",
          transport.withoutKey("Incorrect API key provided: sk-secret"));
    }
  }

  private ApiTransport transport(@Nullable String key) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1//";
    return new ApiTransport(base, key, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }
}
