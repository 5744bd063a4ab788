package dev.beliefs.extract.batch;

import static java.util.Objects.requireNonNull;

import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.openai.OpenAiSettings;
import java.io.Serializable;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How to extract through OpenAI's Batch API. Build one with {@link #builder()}; the record's
 * constructor is its target, not for callers.
 *
 * @param openAi the server, the request, the key, the Batch API's price and the spending cap
 * @param cache answers already paid for, consulted before batching and filled from each batch
 * @param recordsDirectory where the batches submitted are recorded ({@code DIR/batches}), for a
 *     rerun to pick them up: a local path, {@code s3://...} or {@code gs://...}
 * @param maxRequestsPerBatch requests in one batch at most; OpenAI takes 50,000
 * @param maxBytesPerBatch size of one batch's input file at most; OpenAI takes 200 MB
 * @param maxRounds batches a request is sent in at most: the first and its resubmissions
 * @param firstPoll wait before the first look at a batch; later waits double up to {@code maxPoll}
 */
public record BatchSettings(
    OpenAiSettings openAi,
    ResponseCache cache,
    String recordsDirectory,
    int maxRequestsPerBatch,
    long maxBytesPerBatch,
    int maxRounds,
    Duration firstPoll,
    Duration maxPoll)
    implements Serializable {

  public static final int MAX_REQUESTS_PER_BATCH = 50_000;

  /** Under OpenAI's 200 MB per input file, with room for the multipart framing. */
  public static final long MAX_BYTES_PER_BATCH = 190_000_000L;

  public static final int MAX_ROUNDS = 3;

  public BatchSettings {
    if (maxRequestsPerBatch < 1 || maxRequestsPerBatch > MAX_REQUESTS_PER_BATCH) {
      throw new IllegalArgumentException(
          "maxRequestsPerBatch must be 1.."
              + MAX_REQUESTS_PER_BATCH
              + ", got "
              + maxRequestsPerBatch);
    }
    if (maxBytesPerBatch < 1 || maxRounds < 1) {
      throw new IllegalArgumentException("maxBytesPerBatch and maxRounds must be >= 1");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .openAi(openAi)
        .cache(cache)
        .recordsDirectory(recordsDirectory)
        .maxRequestsPerBatch(maxRequestsPerBatch)
        .maxBytesPerBatch(maxBytesPerBatch)
        .maxRounds(maxRounds)
        .firstPoll(firstPoll)
        .maxPoll(maxPoll);
  }

  public BatchSettings withMaxRequestsPerBatch(int requests) {
    return toBuilder().maxRequestsPerBatch(requests).build();
  }

  public BatchSettings withMaxRounds(int rounds) {
    return toBuilder().maxRounds(rounds).build();
  }

  public BatchSettings withPolling(Duration first, Duration max) {
    return toBuilder().firstPoll(first).maxPoll(max).build();
  }

  /**
   * {@code openAi}, {@code cache} and {@code recordsDirectory} must be set; the rest defaults to
   * OpenAI's limits, three rounds, and polls after 1 s, 2 s, 4 s ... up to a minute apart. Setters
   * return this.
   */
  public static final class Builder {
    private @Nullable OpenAiSettings openAi;
    private @Nullable ResponseCache cache;
    private @Nullable String recordsDirectory;
    private int maxRequestsPerBatch = MAX_REQUESTS_PER_BATCH;
    private long maxBytesPerBatch = MAX_BYTES_PER_BATCH;
    private int maxRounds = MAX_ROUNDS;
    private Duration firstPoll = Duration.ofSeconds(1);
    private Duration maxPoll = Duration.ofMinutes(1);

    private Builder() {}

    public Builder openAi(OpenAiSettings value) {
      openAi = value;
      return this;
    }

    public Builder cache(ResponseCache value) {
      cache = value;
      return this;
    }

    public Builder recordsDirectory(String value) {
      recordsDirectory = value;
      return this;
    }

    public Builder maxRequestsPerBatch(int value) {
      maxRequestsPerBatch = value;
      return this;
    }

    public Builder maxBytesPerBatch(long value) {
      maxBytesPerBatch = value;
      return this;
    }

    public Builder maxRounds(int value) {
      maxRounds = value;
      return this;
    }

    public Builder firstPoll(Duration value) {
      firstPoll = value;
      return this;
    }

    public Builder maxPoll(Duration value) {
      maxPoll = value;
      return this;
    }

    /**
     * @throws NullPointerException naming a value that is not set
     * @throws IllegalArgumentException naming a value out of range
     */
    public BatchSettings build() {
      return new BatchSettings(
          requireNonNull(openAi, "openAi is not set"),
          requireNonNull(cache, "cache is not set"),
          requireNonNull(recordsDirectory, "recordsDirectory is not set"),
          maxRequestsPerBatch,
          maxBytesPerBatch,
          maxRounds,
          firstPoll,
          maxPoll);
    }
  }
}
