package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a round's requests: admits those whose worst case the {@link Budget} can take now (the
 * others wait for the next round, when the batches in flight have settled), writes them into JSONL
 * files ({@link BatchInputFiles}), uploads each, records it, and has its batch created ({@link
 * BatchCreator}). A file that could not be uploaded, or whose batch could not be created, sends its
 * requests back to wait for the next round, or fails them when trying again cannot help.
 */
final class BatchSubmitter {

  private static final Logger LOG = LoggerFactory.getLogger(BatchSubmitter.class);
  private static final DateTimeFormatter RECORD_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final BatchSettings settings;
  private final BatchApi api;
  private final BatchRecords records;
  private final BatchCreator creator;
  private final Budget budget;
  private final ModelPrice price;
  private final @Nullable BigDecimal cap;

  BatchSubmitter(
      BatchSettings settings,
      BatchApi api,
      BatchRecords records,
      BatchCreator creator,
      Budget budget) {
    this.settings = settings;
    this.api = api;
    this.records = records;
    this.creator = creator;
    this.budget = budget;
    this.price = settings.openAi().price();
    this.cap = settings.openAi().maxCostUsd();
  }

  /**
   * @param toSend the requests waiting to be sent, in the run's order
   * @param requests every request of the run, for their text
   * @return the batches created
   */
  List<ActiveBatch> submit(
      List<TrackedRequest> toSend, Iterable<BatchJob.Request> requests, int round)
      throws IOException, InterruptedException {
    List<ActiveBatch> batches = new ArrayList<>();
    for (BatchInputFiles.Part part : BatchInputFiles.write(admit(toSend), requests, settings)) {
      ActiveBatch batch = submit(part, round);
      if (batch != null) {
        batches.add(batch);
      }
    }
    return batches;
  }

  /** The requests the budget takes now, each holding its worst case. */
  private Map<String, TrackedRequest> admit(List<TrackedRequest> toSend) {
    Map<String, TrackedRequest> admitted = new LinkedHashMap<>();
    for (TrackedRequest t : toSend) {
      BigDecimal worst = t.worstCase(price);
      if (!budget.tryReserve(worst)) {
        t.reason = ExtractBeliefs.OVER_BUDGET;
        t.detail =
            "not sent: $"
                + budget.spent().toPlainString()
                + " spent and batches in flight could pass --maxCostUsd="
                + cap.toPlainString();
        continue;
      }
      t.reserved(worst);
      admitted.put(t.customId, t);
    }
    return admitted;
  }

  private @Nullable ActiveBatch submit(BatchInputFiles.Part part, int round)
      throws IOException, InterruptedException {
    String fileId;
    try {
      fileId = api.upload(part.file);
    } catch (ApiErrorException e) {
      notSent(part, e.reason(), e.getMessage(), e.isRetryable());
      return null;
    } catch (IOException e) {
      notSent(part, "connection", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
      return null;
    } finally {
      Files.deleteIfExists(part.file);
    }
    Instant now = Instant.now();
    BatchRecord record =
        new BatchRecord(
            RECORD_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8),
            now.toString(),
            round,
            settings.openAi().chat().model(),
            fileId,
            null,
            part.entries());
    records.save(record);
    BatchStatus status;
    try {
      status = creator.create(record);
    } catch (ApiErrorException e) {
      records.collected(record);
      notSent(part, "http_" + e.status(), e.getMessage(), false);
      return null;
    }
    BatchRecord withId = record.withBatchId(status.id());
    for (TrackedRequest t : part.members) {
      t.sent(withId, now.toEpochMilli());
    }
    LOG.info(
        "Batch {} created (round {}): {} requests, {} bytes",
        status.id(),
        round,
        part.members.size(),
        part.bytes);
    return new ActiveBatch(withId, status);
  }

  /** The part never became a batch: its requests wait for the next round, or fail. */
  private void notSent(BatchInputFiles.Part part, String reason, String detail, boolean retryable) {
    for (TrackedRequest t : part.members) {
      t.settle(budget, BigDecimal.ZERO);
      t.retryOrFail(retryable, reason, detail);
    }
  }
}
