package dev.beliefs.extract.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.FileContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpMediaType;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.MultipartContent;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.ExponentialBackOff;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.Endpoints;
import dev.beliefs.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link BatchApi} over HTTP with google-http-client. Reads, and the upload, are retried with
 * exponential backoff (1 s doubling to a minute, for up to ten minutes) on 429, 5xx and broken
 * connections, so that a passing outage does not end a wait of hours; creating a batch is not (see
 * {@link BatchApi#create}).
 */
public final class HttpBatchApi implements BatchApi {

  /** The endpoint every request line names and the batch is created for. */
  public static final String ENDPOINT = "/v1/chat/completions";

  public static final String COMPLETION_WINDOW = "24h";

  private static final int RETRIES = 12;
  private static final int PAGE = 100;
  private static final int VALIDATE_AFTER_IDLE_MS = 500;

  private final HttpRequestFactory requests;
  private final String baseUrl;
  private final @Nullable String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param apiKey sent as a bearer token when not null
   */
  public HttpBatchApi(
      String baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration readTimeout) {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    // Polls are seconds to a minute apart: check a pooled connection the server may have closed.
    pool.setValidateAfterInactivity(VALIDATE_AFTER_IDLE_MS);
    this.requests =
        new ApacheHttpTransport(
                ApacheHttpTransport.newDefaultHttpClientBuilder()
                    .setConnectionManager(pool)
                    .build())
            .createRequestFactory();
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  @Override
  public String upload(Path jsonl) throws IOException, ApiErrorException {
    String boundary = "beliefs-" + UUID.randomUUID();
    MultipartContent form = new MultipartContent(boundary);
    form.setMediaType(new HttpMediaType("multipart/form-data").setParameter("boundary", boundary));
    form.addPart(
        new MultipartContent.Part(
            new HttpHeaders().set("Content-Disposition", "form-data; name=\"purpose\""),
            ByteArrayContent.fromString(null, "batch")));
    form.addPart(
        new MultipartContent.Part(
            new HttpHeaders()
                .set(
                    "Content-Disposition",
                    "form-data; name=\"file\"; filename=\"" + jsonl.getFileName() + "\""),
            new FileContent("application/jsonl", jsonl.toFile())));
    HttpRequest request = retried(requests.buildPostRequest(url("/files"), form));
    return json(request).path("id").asText();
  }

  @Override
  public BatchStatus create(String inputFileId, Map<String, String> metadata)
      throws IOException, ApiErrorException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("input_file_id", inputFileId);
    body.put("endpoint", ENDPOINT);
    body.put("completion_window", COMPLETION_WINDOW);
    ObjectNode tags = body.putObject("metadata");
    metadata.forEach(tags::put);
    HttpRequest request =
        prepared(
                requests.buildPostRequest(
                    url("/batches"),
                    new ByteArrayContent("application/json", Json.MAPPER.writeValueAsBytes(body))))
            .setNumberOfRetries(0);
    return BatchStatus.parse(json(request));
  }

  @Override
  public BatchStatus retrieve(String batchId) throws IOException, ApiErrorException {
    return BatchStatus.parse(json(retried(requests.buildGetRequest(url("/batches/" + batchId)))));
  }

  @Override
  public Optional<BatchStatus> find(String key, String value, long createdAfter)
      throws IOException, ApiErrorException {
    String after = null;
    while (true) {
      GenericUrl page = url("/batches");
      page.set("limit", PAGE);
      if (after != null) {
        page.set("after", after);
      }
      JsonNode list = json(retried(requests.buildGetRequest(page)));
      for (JsonNode batch : list.path("data")) {
        if (batch.path("created_at").asLong() < createdAfter) {
          return Optional.empty();
        }
        if (value.equals(batch.path("metadata").path(key).asText(null))) {
          return Optional.of(BatchStatus.parse(batch));
        }
        after = batch.path("id").asText();
      }
      if (!list.path("has_more").asBoolean(false) || list.path("data").isEmpty()) {
        return Optional.empty();
      }
    }
  }

  @Override
  public void readLines(String fileId, LineConsumer lines) throws IOException, ApiErrorException {
    HttpResponse response =
        retried(requests.buildGetRequest(url("/files/" + fileId + "/content"))).execute();
    try {
      if (!response.isSuccessStatusCode()) {
        throw error(response);
      }
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(response.getContent(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            lines.accept(line);
          }
        }
      }
    } finally {
      response.disconnect();
    }
  }

  private GenericUrl url(String path) {
    return Endpoints.of(baseUrl, path);
  }

  private HttpRequest prepared(HttpRequest request) {
    if (apiKey != null) {
      request.getHeaders().setAuthorization("Bearer " + apiKey);
    }
    return request
        .setConnectTimeout((int) connectTimeout.toMillis())
        .setReadTimeout((int) readTimeout.toMillis())
        .setThrowExceptionOnExecuteError(false);
  }

  /** Retries 429, 5xx and broken connections, with backoff. */
  private HttpRequest retried(HttpRequest request) {
    return prepared(request)
        .setNumberOfRetries(RETRIES)
        .setUnsuccessfulResponseHandler(
            new HttpBackOffUnsuccessfulResponseHandler(backOff())
                .setBackOffRequired(r -> r.getStatusCode() == 429 || r.getStatusCode() >= 500))
        .setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
  }

  private static ExponentialBackOff backOff() {
    return new ExponentialBackOff.Builder()
        .setInitialIntervalMillis(1_000)
        .setMultiplier(2)
        .setRandomizationFactor(0.5)
        .setMaxIntervalMillis(60_000)
        .setMaxElapsedTimeMillis(600_000)
        .build();
  }

  private static JsonNode json(HttpRequest request) throws IOException, ApiErrorException {
    HttpResponse response = request.execute();
    try {
      if (!response.isSuccessStatusCode()) {
        throw error(response);
      }
      return Json.MAPPER.readTree(response.parseAsString());
    } finally {
      response.disconnect();
    }
  }

  private static ApiErrorException error(HttpResponse response) throws IOException {
    return ApiErrorException.fromBody(
        response.getStatusCode(),
        response.parseAsString(),
        RateLimitHeaders.from(response.getHeaders()));
  }
}
