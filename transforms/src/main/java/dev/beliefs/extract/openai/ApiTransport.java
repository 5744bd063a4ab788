package dev.beliefs.extract.openai;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one HTTP transport to an OpenAI-compatible server, for chat ({@link OpenAiClient}) and for
 * files and batches ({@code HttpBatchApi}): a pool of connections, the server's base URL, and the
 * bearer key and timeouts every request carries. A request it builds is not retried and does not
 * throw on an error status: the caller decides what an error means and whether to try again.
 */
public final class ApiTransport implements AutoCloseable {

  /** Enough pooled connections that requests in flight never wait for one. */
  private static final int MAX_CONNECTIONS = 512;

  /**
   * Servers close keep-alive connections they think idle (and batch polls are up to a minute
   * apart); a connection unused this long is checked before it is reused, so that a request is not
   * written into a socket the server has closed.
   */
  private static final int VALIDATE_AFTER_IDLE_MS = 500;

  private static final Duration IDLE_EVICTION = Duration.ofSeconds(20);

  private static final int CONNECTION_RETRIES = 2;

  private final ApacheHttpTransport transport;
  private final HttpRequestFactory requests;
  private final String baseUrl;
  private final @Nullable String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param apiKey sent as a bearer token when not null
   */
  public ApiTransport(
      String baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration readTimeout) {
    this.transport =
        new ApacheHttpTransport(
            ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setConnectionManager(connectionPool())
                .evictIdleConnections(IDLE_EVICTION.toSeconds(), TimeUnit.SECONDS)
                // A request that could not be written whole (the server closed the connection
                // first) never reached the server: sent again on a fresh connection at once,
                // without spending one of the caller's attempts.
                .setRetryHandler(new DefaultHttpRequestRetryHandler(CONNECTION_RETRIES, false))
                .build());
    this.requests = transport.createRequestFactory();
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  private static PoolingHttpClientConnectionManager connectionPool() {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setDefaultMaxPerRoute(MAX_CONNECTIONS);
    pool.setValidateAfterInactivity(VALIDATE_AFTER_IDLE_MS);
    return pool;
  }

  /** {@code path} on the server, for example {@code /chat/completions}. */
  public GenericUrl url(String path) {
    return Endpoints.of(baseUrl, path);
  }

  public HttpRequest get(GenericUrl url) throws IOException {
    return prepared(requests.buildGetRequest(url));
  }

  public HttpRequest post(GenericUrl url, HttpContent content) throws IOException {
    return prepared(requests.buildPostRequest(url, content));
  }

  private HttpRequest prepared(HttpRequest request) {
    if (apiKey != null) {
      request.getHeaders().setAuthorization("Bearer " + apiKey);
    }
    return request
        .setConnectTimeout((int) connectTimeout.toMillis())
        .setReadTimeout((int) readTimeout.toMillis())
        .setNumberOfRetries(0)
        .setThrowExceptionOnExecuteError(false);
  }

  /** {@code text} with the key taken out: a server that echoes a refused key must not log it. */
  public String withoutKey(String text) {
    return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[the API key]");
  }

  /** Closes the pooled connections, which ends any request still in flight. */
  @Override
  public void close() {
    try {
      transport.shutdown();
    } catch (IOException e) {
      // Closing sockets that are going away anyway: nothing to do.
    }
  }
}
