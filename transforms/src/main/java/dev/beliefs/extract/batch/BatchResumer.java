package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up the batches earlier runs recorded ({@link BatchRecords#open()}): a request of this run
 * found in one (same chunk id and same request, by its cache key; the newest record wins) is not
 * sent again but awaited there, holding its worst case in the {@link Budget}. A finished batch no
 * request of this run awaits is collected all the same (its good answers go into the cache); a
 * record whose batch is gone, or was never created and is not needed, is closed.
 */
final class BatchResumer {

  private static final Logger LOG = LoggerFactory.getLogger(BatchResumer.class);

  private final BatchRecords records;
  private final BatchCreator creator;
  private final BatchCollector collector;
  private final Budget budget;
  private final ModelPrice price;
  private final int configuredMaxTokens;
  private int resumed;

  BatchResumer(
      BatchSettings settings,
      BatchRecords records,
      BatchCreator creator,
      BatchCollector collector,
      Budget budget) {
    this.records = records;
    this.creator = creator;
    this.collector = collector;
    this.budget = budget;
    this.price = settings.openAi().price();
    this.configuredMaxTokens = settings.openAi().chat().maxTokens();
  }

  /** Batches of earlier runs this run awaited. */
  int resumed() {
    return resumed;
  }

  /**
   * @param tracked the run's requests, by custom id; those claimed become sent
   * @return the batches to await
   * @throws IOException a record could not be read or written, or the API stayed unreachable
   */
  List<ActiveBatch> resume(Map<String, TrackedRequest> tracked)
      throws IOException, InterruptedException {
    List<ActiveBatch> active = new ArrayList<>();
    List<BatchRecord> open = new ArrayList<>(records.open());
    // Newest first: a request resubmitted after a failure belongs to its latest batch.
    for (int i = open.size() - 1; i >= 0; i--) {
      BatchRecord record = open.get(i);
      List<TrackedRequest> mine = new ArrayList<>();
      Map<String, Integer> maxTokens = new HashMap<>();
      for (BatchRecord.Entry entry : record.requests()) {
        TrackedRequest t = tracked.get(entry.customId());
        if (t != null && t.state == TrackedRequest.State.TO_SEND && t.key.equals(entry.key())) {
          mine.add(t);
          maxTokens.put(entry.customId(), entry.maxTokens());
        }
      }
      BatchStatus status;
      try {
        status = creator.existing(record, !mine.isEmpty());
      } catch (ApiErrorException e) {
        if (e.isRetryable()) {
          throw new IOException("batch record " + record.recordId() + ": " + e.getMessage(), e);
        }
        LOG.warn("batch record {}: {}; submitting anew", record.recordId(), e.getMessage());
        status = null;
      }
      if (status == null) {
        records.collected(record);
        continue;
      }
      BatchRecord withId = record.withBatchId(status.id());
      if (mine.isEmpty()) {
        if (status.terminal()) {
          collector.collect(new ActiveBatch(withId, status), tracked);
        }
        continue;
      }
      long sentMs = Instant.parse(record.createdAt()).toEpochMilli();
      for (TrackedRequest t : mine) {
        t.maxTokens = maxTokens.get(t.customId);
        t.enlarged = t.maxTokens > configuredMaxTokens;
        t.sent(withId, sentMs);
        BigDecimal worst = t.worstCase(price);
        budget.hold(worst);
        t.reserved(worst);
      }
      resumed++;
      LOG.info(
          "Batch {} ({}, submitted {}): awaiting {} requests of this run there",
          status.id(),
          status.status(),
          record.createdAt(),
          mine.size());
      active.add(new ActiveBatch(withId, status));
    }
    return active;
  }
}
