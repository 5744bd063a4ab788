package dev.beliefs.extract.batch;

import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Makes the batch of a {@link BatchRecord} exist exactly once: creating a batch is not safe to
 * repeat (a create that timed out may have happened), so before each retry, and for a record
 * without its batch id, it looks for the batch by the record id in the batches' metadata. Every
 * batch found or created has its id noted in the record.
 */
final class BatchCreator {

  private static final int CREATE_ATTEMPTS = 5;

  /** How far the server's clock may be behind ours when looking for a batch by its record. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  private final BatchSettings settings;
  private final BatchApi api;
  private final BatchRecords records;
  private final Sleeper sleeper;
  private int created;

  BatchCreator(BatchSettings settings, BatchApi api, BatchRecords records, Sleeper sleeper) {
    this.settings = settings;
    this.api = api;
    this.records = records;
    this.sleeper = sleeper;
  }

  /** Batches this creator created. */
  int created() {
    return created;
  }

  /**
   * The batch of a record: by its id, else found by the record id in the batches' metadata (the run
   * that wrote the record may have been killed before it could note the id), else created from the
   * uploaded file when {@code create}; null when there is none and none was to be created.
   *
   * @throws ApiErrorException not retryable: the batch, or its file, is gone
   */
  @Nullable BatchStatus existing(BatchRecord record, boolean create)
      throws IOException, ApiErrorException, InterruptedException {
    if (record.batchId() != null) {
      return api.retrieve(record.batchId());
    }
    Optional<BatchStatus> found = find(record);
    if (found.isPresent()) {
      return found.get();
    }
    return create ? create(record) : null;
  }

  /** The record's batch, looked for by the record id in the metadata; its id noted if found. */
  private Optional<BatchStatus> find(BatchRecord record) throws IOException, ApiErrorException {
    long after = Instant.parse(record.createdAt()).minus(CLOCK_SLACK).getEpochSecond();
    Optional<BatchStatus> found = api.find(BatchRecord.METADATA_KEY, record.recordId(), after);
    if (found.isPresent()) {
      records.save(record.withBatchId(found.get().id()));
    }
    return found;
  }

  /**
   * Creates the record's batch and notes its id. A failed attempt may still have created it, so
   * each retry first looks for it.
   *
   * @throws ApiErrorException not retryable
   * @throws IOException every attempt failed; the record stays for a rerun to try again
   */
  BatchStatus create(BatchRecord record)
      throws IOException, ApiErrorException, InterruptedException {
    Exception last = null;
    PollWaits waits = new PollWaits(settings, sleeper);
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        waits.sleep();
        Optional<BatchStatus> found = find(record);
        if (found.isPresent()) {
          return found.get();
        }
      }
      try {
        BatchStatus status =
            api.create(record.inputFileId(), Map.of(BatchRecord.METADATA_KEY, record.recordId()));
        records.save(record.withBatchId(status.id()));
        created++;
        return status;
      } catch (ApiErrorException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        last = e;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IOException(
        "cannot create a batch from "
            + record.inputFileId()
            + " (record "
            + record.recordId()
            + ", a rerun tries again): "
            + last.getMessage(),
        last);
  }
}
