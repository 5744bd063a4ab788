package dev.beliefs.extract.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.conn.ConnectTimeoutException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The HTTP calls this project makes to an OpenAI-compatible server: {@code POST /chat/completions},
 * and {@code GET /models} to check the key before a run. No retries here; {@link ChatRetries}
 * decides what is worth another try.
 *
 * <p>One client serves every worker of a run in a JVM, and it remembers the first answer that
 * {@linkplain ApiErrorException#refusesEveryRequest() refuses every request} (no credit, a refused
 * key): from then on {@link #refusal()} says so, and the workers send nothing more.
 */
public final class OpenAiClient implements AutoCloseable {

  private final ApiTransport transport;
  private final GenericUrl chatCompletions;
  private final GenericUrl models;
  private final AtomicReference<ApiErrorException> refusal = new AtomicReference<>();

  /**
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param apiKey sent as a bearer token when not null
   */
  public OpenAiClient(
      String baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration readTimeout) {
    this.transport = new ApiTransport(baseUrl, apiKey, connectTimeout, readTimeout);
    this.chatCompletions = transport.url("/chat/completions");
    this.models = transport.url("/models");
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    transport.close();
  }

  /**
   * @throws ApiErrorException the server answered with an error status
   * @throws IOException the connection failed or timed out, or the body was not JSON
   */
  public ChatResponse chat(ObjectNode body) throws IOException, ApiErrorException {
    HttpRequest request =
        transport.post(
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
    send(transport.get(models));
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
    HttpResponse response = request.execute();
    try {
      RateLimitHeaders rateLimits = RateLimitHeaders.from(response.getHeaders());
      String text = response.parseAsString();
      if (!response.isSuccessStatusCode()) {
        ApiErrorException error =
            ApiErrorException.fromBody(
                response.getStatusCode(), transport.withoutKey(text), rateLimits);
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
}
