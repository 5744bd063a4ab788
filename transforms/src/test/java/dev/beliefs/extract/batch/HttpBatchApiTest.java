package dev.beliefs.extract.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.beliefs.extract.openai.ApiErrorException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Batch API client against a local server that refuses the key and echoes it back. */
class HttpBatchApiTest {

  private static final String KEY = "sk-batch-secret";

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("{\"error\": {\"message\": \"Incorrect API key provided: "
                      + KEY
                      + "\", \"code\": \"invalid_api_key\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(401, body.length);
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
  void anErrorThatEchoesTheKey_doesNotCarryIt() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    try (HttpBatchApi api =
        new HttpBatchApi(base, KEY, Duration.ofSeconds(5), Duration.ofSeconds(5))) {
      ApiErrorException refused = assertThrows(ApiErrorException.class, () -> api.retrieve("b1"));

      assertEquals(401, refused.status());
      assertEquals(
          "HTTP 401 invalid_api_key: Incorrect API key provided: [the API key]",
          refused.getMessage());
    }
  }
}
