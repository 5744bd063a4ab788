package dev.beliefs.extract.batch;

import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.openai.OpenAiSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * How to extract through OpenAI's Batch API.
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

  /** OpenAI's limits, three rounds, and polls after 1 s, 2 s, 4 s ... up to a minute apart. */
  public static BatchSettings of(
      OpenAiSettings openAi, ResponseCache cache, String recordsDirectory) {
    return new BatchSettings(
        openAi,
        cache,
        recordsDirectory,
        MAX_REQUESTS_PER_BATCH,
        MAX_BYTES_PER_BATCH,
        MAX_ROUNDS,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1));
  }

  public BatchSettings withMaxRequestsPerBatch(int requests) {
    return new BatchSettings(
        openAi, cache, recordsDirectory, requests, maxBytesPerBatch, maxRounds, firstPoll, maxPoll);
  }

  public BatchSettings withMaxRounds(int rounds) {
    return new BatchSettings(
        openAi,
        cache,
        recordsDirectory,
        maxRequestsPerBatch,
        maxBytesPerBatch,
        rounds,
        firstPoll,
        maxPoll);
  }

  public BatchSettings withPolling(Duration first, Duration max) {
    return new BatchSettings(
        openAi,
        cache,
        recordsDirectory,
        maxRequestsPerBatch,
        maxBytesPerBatch,
        maxRounds,
        first,
        max);
  }
}
