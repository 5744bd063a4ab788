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
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.MultipartContent;
import com.google.api.client.util.ExponentialBackOff;
import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ApiTransport;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link BatchApi} over the project's one HTTP transport ({@link ApiTransport}). Reads, and the
 * upload, are retried with exponential backoff (1 s doubling to a minute, for up to ten minutes) on
 * 429, 5xx and broken connections, so that a passing outage does not end a wait of hours; creating
 * a batch is not (see {@link BatchApi#create}).
 */
public final class HttpBatchApi implements BatchApi, AutoCloseable {

  /** The endpoint every request line names and the batch is created for. */
  public static final String ENDPOINT = "/v1/chat/completions";

  public static final String COMPLETION_WINDOW = "24h";

  private static final int RETRIES = 12;
  private static final int PAGE = 100;

  private final ApiTransport transport;

  /**
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param apiKey sent as a bearer token when not null
   */
  public HttpBatchApi(
      String baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration readTimeout) {
    this.transport = new ApiTransport(baseUrl, apiKey, connectTimeout, readTimeout);
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    transport.close();
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
    HttpRequest request = retried(transport.post(transport.url("/files"), form));
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
        transport.post(
            transport.url("/batches"),
            new ByteArrayContent("application/json", Json.MAPPER.writeValueAsBytes(body)));
    return BatchStatus.parse(json(request));
  }

  @Override
  public BatchStatus retrieve(String batchId) throws IOException, ApiErrorException {
    return BatchStatus.parse(json(retried(transport.get(transport.url("/batches/" + batchId)))));
  }

  @Override
  public Optional<BatchStatus> find(String key, String value, long createdAfter)
      throws IOException, ApiErrorException {
    String after = null;
    while (true) {
      GenericUrl page = transport.url("/batches");
      page.set("limit", PAGE);
      if (after != null) {
        page.set("after", after);
      }
      JsonNode list = json(retried(transport.get(page)));
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
        retried(transport.get(transport.url("/files/" + fileId + "/content"))).execute();
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

  /** Retries 429, 5xx and broken connections, with backoff. */
  private HttpRequest retried(HttpRequest request) {
    return request
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

  private JsonNode json(HttpRequest request) throws IOException, ApiErrorException {
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

  /** The server's error, with the key taken out should the server echo it. */
  private ApiErrorException error(HttpResponse response) throws IOException {
    return ApiErrorException.fromBody(
        response.getStatusCode(),
        transport.withoutKey(response.parseAsString()),
        RateLimitHeaders.from(response.getHeaders()));
  }
}
