package dev.beliefs.extract.batch;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A batch this job submitted, as kept in {@code DIR/batches/<record id>.json}: written after its
 * input file is uploaded and before the batch is created (whose metadata names the record), and
 * again with the batch id, so that a run killed at any point leaves enough for the next run to find
 * the batch instead of paying for it again.
 *
 * @param recordId names the record file and goes into the batch's metadata as {@code
 *     beliefs_record}
 * @param createdAt when the record was first written, ISO-8601
 * @param round 1 for a first submission, 2 and on for resubmissions within a run
 * @param model the model every request asks
 * @param inputFileId the uploaded JSONL file
 * @param batchId null until the batch is created
 * @param requests one entry per request line
 */
public record BatchRecord(
    String recordId,
    String createdAt,
    int round,
    String model,
    String inputFileId,
    @Nullable String batchId,
    List<Entry> requests) {

  /** The metadata key of the batch that names its record. */
  public static final String METADATA_KEY = "beliefs_record";

  public BatchRecord {
    requests = List.copyOf(requests);
  }

  /**
   * One request of the batch.
   *
   * @param customId the chunk id
   * @param key the response cache key of the chunk's request (with the configured {@code
   *     max_tokens}): a rerun takes the batch's answer only for the same request
   * @param maxTokens what this request asked, twice the configured after a truncated answer
   */
  public record Entry(String customId, String key, int maxTokens) {}

  public BatchRecord withBatchId(String id) {
    return new BatchRecord(recordId, createdAt, round, model, inputFileId, id, requests);
  }
}
