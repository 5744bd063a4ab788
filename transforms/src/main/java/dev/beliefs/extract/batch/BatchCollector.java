package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.openai.AnswerVerdict;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ChatResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ended batch's output and error files and decides the fate of each request awaiting it:
 * an answer is judged as online ones are ({@link AnswerVerdict}) and billed at the batch price, a
 * good one stored in the response cache (also when no request of this run awaits it: it was paid
 * for); an error worth repeating (429, 5xx), a malformed or truncated answer, or no answer at all
 * (the batch expired, failed or was cancelled) sends the request back for the next round; a
 * refusal, or 400, 401, 403 and 404, fail it. The batch's record then moves to {@code collected/}.
 */
final class BatchCollector {

  private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);

  private final BatchSettings settings;
  private final BatchApi api;
  private final BatchRecords records;
  private final Budget budget;
  private final ModelPrice price;

  BatchCollector(BatchSettings settings, BatchApi api, BatchRecords records, Budget budget) {
    this.settings = settings;
    this.api = api;
    this.records = records;
    this.budget = budget;
    this.price = settings.openAi().price();
  }

  /**
   * @param batch has ended
   * @param tracked the run's requests, by custom id
   * @throws IOException a file of the batch could not be read, or its record moved
   */
  void collect(ActiveBatch batch, Map<String, TrackedRequest> tracked) throws IOException {
    Map<String, BatchRecord.Entry> entries = new HashMap<>();
    for (BatchRecord.Entry entry : batch.record.requests()) {
      entries.put(entry.customId(), entry);
    }
    for (String fileId : new String[] {batch.status.outputFileId(), batch.status.errorFileId()}) {
      if (fileId == null) {
        continue;
      }
      try {
        api.readLines(fileId, text -> take(text, batch, entries, tracked));
      } catch (ApiErrorException e) {
        throw new IOException(
            "batch " + batch.status.id() + ": cannot read file " + fileId + ": " + e.getMessage(),
            e);
      }
    }
    String why =
        batch.status.errors().isEmpty()
            ? "the batch ended " + batch.status.status() + " without an answer for it"
            : "the batch ended "
                + batch.status.status()
                + ": "
                + String.join("; ", batch.status.errors());
    for (TrackedRequest t : tracked.values()) {
      if (t.awaitedIn(batch.record)) {
        t.settle(budget, BigDecimal.ZERO);
        t.retry(
            batch.status.status().equals("completed")
                ? "missing_answer"
                : "batch_" + batch.status.status(),
            why);
      }
    }
    records.collected(batch.record);
    LOG.info(
        "Batch {} {}: {} of {} requests answered",
        batch.status.id(),
        batch.status.status(),
        batch.status.completed(),
        batch.status.total());
  }

  private void take(
      String text,
      ActiveBatch batch,
      Map<String, BatchRecord.Entry> entries,
      Map<String, TrackedRequest> tracked) {
    BatchLines.Line line;
    try {
      line = BatchLines.parse(text);
    } catch (IOException e) {
      LOG.warn("batch {}: ignoring an unreadable line: {}", batch.status.id(), e.getMessage());
      return;
    }
    BatchRecord.Entry entry = entries.get(line.customId());
    if (entry == null) {
      LOG.warn("batch {}: ignoring unknown custom_id {}", batch.status.id(), line.customId());
      return;
    }
    TrackedRequest found = tracked.get(line.customId());
    TrackedRequest t = found != null && found.awaitedIn(batch.record) ? found : null;
    if (line instanceof BatchLines.Answered answered) {
      ChatResponse response = answered.response();
      if (t != null) {
        t.billed = t.billed.plus(response.usage());
        t.settle(budget, price.cost(response.usage()));
      }
      judge(response, entry, t);
    } else if (t != null) {
      BatchLines.Failed failed = (BatchLines.Failed) line;
      t.settle(budget, BigDecimal.ZERO);
      if (failed.reason().equals("rate_limited")) {
        t.rateLimited++;
      }
      t.retryOrFail(failed.retryable(), failed.reason(), failed.detail());
    }
  }

  /** Judges an answer as {@code OpenAiExtractor} does; keeps a good one. */
  private void judge(ChatResponse response, BatchRecord.Entry entry, @Nullable TrackedRequest t) {
    AnswerVerdict verdict =
        AnswerVerdict.of(response, t == null ? 0 : t.maxTokens, t != null && t.enlarged);
    if (verdict instanceof AnswerVerdict.Accepted accepted) {
      settings.cache().store(entry.key(), response.model(), response.content(), response.usage());
      if (t != null) {
        t.answered(accepted.beliefs());
      }
      return;
    }
    if (t == null) {
      // No request waits for this answer any more: only a good one was worth keeping.
      return;
    }
    if (verdict instanceof AnswerVerdict.Retry retry) {
      if (retry.enlarge()) {
        t.enlarge();
      }
      t.retry(retry.reason(), retry.detail());
    } else {
      AnswerVerdict.Fail fail = (AnswerVerdict.Fail) verdict;
      t.fail(fail.reason(), fail.detail());
    }
  }
}
