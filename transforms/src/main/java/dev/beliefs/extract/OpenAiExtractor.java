package dev.beliefs.extract;

import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Extracts beliefs by asking an OpenAI-compatible chat model, retrying what is worth retrying: 429
 * (after {@code Retry-After} when the server sends it), 5xx, timeouts and broken connections,
 * answers that are not JSON of the schema, and an answer cut off by {@code max_tokens} (once, with
 * twice the tokens). Client errors such as 400 and 401 fail at once: repeating them cannot help.
 * Every attempt the server answered is counted as billed.
 */
public final class OpenAiExtractor implements BeliefExtractor {

  private final OpenAiSettings settings;
  private final OpenAiClient client;
  private final Sleeper sleeper;

  OpenAiExtractor(OpenAiSettings settings, OpenAiClient client, Sleeper sleeper) {
    this.settings = settings;
    this.client = client;
    this.sleeper = sleeper;
  }

  public static BeliefExtractorFactory factory(OpenAiSettings settings) {
    return new Factory(settings);
  }

  @Override
  public Extraction extract(Chunk chunk) throws ExtractionFailedException {
    Attempts attempts = new Attempts(System.nanoTime());
    int maxTokens = settings.chat().maxTokens();
    boolean enlarged = false;
    String reason = "exhausted";
    String detail = "no attempt was made";
    while (attempts.requests < settings.maxAttempts()) {
      if (attempts.requests > 0) {
        sleep(attempts);
      }
      attempts.requests++;
      attempts.retryAfter = null;
      try {
        ChatResponse response = client.chat(settings.chat().requestBody(chunk.text(), maxTokens));
        attempts.billed = attempts.billed.plus(response.usage());
        if (response.refusal() != null) {
          throw attempts.fail("refused", "the model refused: " + response.refusal());
        }
        if ("length".equals(response.finishReason())) {
          if (enlarged) {
            throw attempts.fail(
                "truncated",
                "the answer was cut off at max_tokens="
                    + maxTokens
                    + " twice; split the chunk"
                    + " (a smaller level) or raise --maxTokens");
          }
          enlarged = true;
          maxTokens *= 2;
          reason = "truncated";
          detail = "the answer was cut off at max_tokens";
          continue;
        }
        List<ModelBelief> beliefs = BeliefAnswer.parse(String.valueOf(response.content()));
        return new Extraction(
            beliefs,
            attempts.billed,
            attempts.requests,
            attempts.rateLimited,
            attempts.elapsedMs());
      } catch (MalformedAnswerException e) {
        reason = "malformed_answer";
        detail = e.getMessage();
      } catch (ApiErrorException e) {
        reason = e.status() == 429 ? "rate_limited" : "http_" + e.status();
        detail = e.getMessage();
        if (e.status() == 429) {
          attempts.rateLimited++;
        }
        if (!e.isRetryable()) {
          throw attempts.fail(reason, detail);
        }
        attempts.retryAfter = e.rateLimits().retryAfter();
      } catch (IOException e) {
        reason = e instanceof java.net.SocketTimeoutException ? "timeout" : "connection";
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    throw attempts.fail(
        reason, "gave up after " + attempts.requests + " attempts; last: " + detail);
  }

  private void sleep(Attempts attempts) throws ExtractionFailedException {
    long ceiling =
        Math.min(
            settings.maxBackoff().toMillis(),
            settings.initialBackoff().toMillis() << Math.min(20, attempts.requests - 1));
    long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
    long wait =
        attempts.retryAfter == null ? jittered : Math.max(attempts.retryAfter.toMillis(), 0);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting to retry");
    }
  }

  /** Waits between attempts; a test hands in one that does not. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private static final class Attempts {
    final long startNanos;
    int requests;
    int rateLimited;
    Usage billed = Usage.NONE;
    Duration retryAfter;

    Attempts(long startNanos) {
      this.startNanos = startNanos;
    }

    long elapsedMs() {
      return (System.nanoTime() - startNanos) / 1_000_000;
    }

    ExtractionFailedException fail(String reason, String detail) {
      return new ExtractionFailedException(
          reason, detail, billed, requests, rateLimited, elapsedMs());
    }
  }

  private record Factory(OpenAiSettings settings) implements BeliefExtractorFactory {

    @Override
    public BeliefExtractor create() {
      OpenAiClient client =
          new OpenAiClient(
              settings.baseUrl(),
              settings.apiKeySource().apiKey(),
              settings.connectTimeout(),
              settings.readTimeout());
      return new OpenAiExtractor(settings, client, Thread::sleep);
    }

    @Override
    public String model() {
      return settings.chat().model();
    }
  }
}
