package dev.beliefs.extract.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The HTTP calls this project makes to an OpenAI-compatible server: {@code POST /chat/completions},
 * and {@code GET /models} to check the key before a run. No retries here; {@link OpenAiExtractor}
 * decides what is worth another try.
 *
 * <p>One client serves every worker of a run in a JVM, and it remembers the first answer that
 * {@linkplain ApiErrorException#refusesEveryRequest() refuses every request} (no credit, a refused
 * key): from then on {@link #refusal()} says so, and the workers send nothing more.
 */
public final class OpenAiClient implements AutoCloseable {

  /** Enough pooled connections that requests in flight never wait for one. */
  private static final int MAX_CONNECTIONS = 512;

  /**
   * Servers close keep-alive connections they think idle; a connection unused this long is checked
   * before it is reused, so that a request is not written into a socket the server has closed.
   */
  private static final int VALIDATE_AFTER_IDLE_MS = 500;

  private static final Duration IDLE_EVICTION = Duration.ofSeconds(20);

  private static final int CONNECTION_RETRIES = 2;

  private final ApacheHttpTransport transport;
  private final HttpRequestFactory requests;
  private final GenericUrl chatCompletions;
  private final GenericUrl models;
  private final AtomicReference<ApiErrorException> refusal = new AtomicReference<>();
  private final @Nullable String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param apiKey sent as a bearer token when not null
   */
  public OpenAiClient(
      String baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration readTimeout) {
    this.transport =
        new ApacheHttpTransport(
            ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setConnectionManager(connectionPool())
                .evictIdleConnections(IDLE_EVICTION.toSeconds(), TimeUnit.SECONDS)
                // A request that could not be written whole (the server closed the connection
                // first) never reached the server: sent again on a fresh connection at once,
                // without spending one of the extractor's attempts.
                .setRetryHandler(new DefaultHttpRequestRetryHandler(CONNECTION_RETRIES, false))
                .build());
    this.requests = transport.createRequestFactory();
    this.chatCompletions = Endpoints.of(baseUrl, "/chat/completions");
    this.models = Endpoints.of(baseUrl, "/models");
    this.apiKey = apiKey;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    try {
      transport.shutdown();
    } catch (IOException e) {
      // Closing sockets that are going away anyway: nothing to do.
    }
  }

  private static PoolingHttpClientConnectionManager connectionPool() {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setDefaultMaxPerRoute(MAX_CONNECTIONS);
    pool.setValidateAfterInactivity(VALIDATE_AFTER_IDLE_MS);
    return pool;
  }

  /**
   * @throws ApiErrorException the server answered with an error status
   * @throws IOException the connection failed or timed out, or the body was not JSON
   */
  public ChatResponse chat(ObjectNode body) throws IOException, ApiErrorException {
    HttpRequest request =
        requests.buildPostRequest(
            chatCompletions,
            new ByteArrayContent("application/json", Json.MAPPER.writeValueAsBytes(body)));
    Answer answer = send(request);
    return ChatResponse.parse(Json.MAPPER.readTree(answer.body()), answer.rateLimits());
  }

  /**
   * Lists the server's models, which costs nothing and needs the key: whether the server takes the
   * key, before anything is paid for.
   *
   * @throws ApiErrorException the server answered with an error status
   * @throws IOException the server could not be reached
   */
  public void listModels() throws IOException, ApiErrorException {
    send(requests.buildGetRequest(models));
  }

  /** The first answer of this client that every later request would get too; null if none. */
  public @Nullable ApiErrorException refusal() {
    return refusal.get();
  }

  /**
   * Whether a request that failed with {@code e} may have reached the server, and so may be
   * answered and billed there although its answer never arrived here: every failure but one to
   * connect.
   */
  public static boolean mayHaveBeenBilled(IOException e) {
    return !(e instanceof ConnectException
        || e instanceof ConnectTimeoutException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException);
  }

  private record Answer(String body, RateLimitHeaders rateLimits) {}

  /** A successful answer; an error status is thrown, with the key taken out. */
  private Answer send(HttpRequest request) throws IOException, ApiErrorException {
    if (apiKey != null) {
      request.getHeaders().setAuthorization("Bearer " + apiKey);
    }
    request
        .setConnectTimeout((int) connectTimeout.toMillis())
        .setReadTimeout((int) readTimeout.toMillis())
        .setNumberOfRetries(0)
        .setThrowExceptionOnExecuteError(false);
    HttpResponse response = request.execute();
    try {
      RateLimitHeaders rateLimits = RateLimitHeaders.from(response.getHeaders());
      String text = response.parseAsString();
      if (!response.isSuccessStatusCode()) {
        ApiErrorException error =
            ApiErrorException.fromBody(response.getStatusCode(), withoutKey(text), rateLimits);
        if (error.refusesEveryRequest()) {
          refusal.compareAndSet(null, error);
        }
        throw error;
      }
      return new Answer(text, rateLimits);
    } finally {
      response.disconnect();
    }
  }

  /** A server that echoes the key it refused must not put it into failures and logs. */
  private String withoutKey(String text) {
    return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[the API key]");
  }
}
