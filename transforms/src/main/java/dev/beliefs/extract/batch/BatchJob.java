package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.extract.openai.AnswerVerdict;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ChatResponse;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the answers to a run's requests through the Batch API, in rounds.
 *
 * <p>First it looks in the {@link BatchRecords} for batches an earlier run submitted: a request
 * found in one (same chunk id and same request, by its cache key; the newest record wins) is not
 * sent again but awaited there. The other requests are written as JSONL, at most {@link
 * BatchSettings#maxRequestsPerBatch} and {@link BatchSettings#maxBytesPerBatch} to a file, each
 * file uploaded, recorded, and made a batch whose metadata names its record. Then it polls every
 * batch, waiting 1 s, 2 s, 4 s ... up to {@link BatchSettings#maxPoll} between looks, until each
 * has ended; reads its output and error files; stores every good answer in the response cache
 * (other runs' too: they were paid for); and moves the record to {@code collected/}.
 *
 * <p>A request whose answer was an error worth repeating (429, 5xx), was never run (the batch
 * expired, failed or was cancelled), was not JSON of the schema, or was cut off at {@code
 * max_tokens} (once, with twice the tokens) goes into a new batch in the next round. After {@link
 * BatchSettings#maxRounds} rounds it fails with its last reason. A refusal, or 400, 401, 403 and
 * 404, fail at once. Every answer with status 200 is billed at the batch price, and counted. With a
 * spending cap, a request is only sent when the worst case of everything sent stays within it; the
 * others wait for the next round, when the earlier batches' true cost is known.
 *
 * <p>Identical requests of the run (the same cache key, for chunks of identical text) are sent
 * once; the others get that answer, deduplicated, at no cost.
 *
 * <p>One instance runs one job, on one thread.
 */
public final class BatchJob {

  private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);
  private static final DateTimeFormatter RECORD_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int CREATE_ATTEMPTS = 5;
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  /**
   * One request of the run.
   *
   * @param customId the chunk id
   * @param key the chunk's response cache key
   * @param chunkText what the request asks about
   * @param promptTokens the request's prompt tokens, for the budget
   */
  public record Request(String customId, String key, String chunkText, int promptTokens) {}

  /**
   * Every request's outcome, by custom id.
   *
   * @param created batches this run created
   * @param resumed batches an earlier run created that this run awaited
   */
  public record Result(
      Map<String, Extraction> answers,
      Map<String, ExtractionFailedException> failures,
      int created,
      int resumed) {}

  private final BatchSettings settings;
  private final BatchApi api;
  private final BatchRecords records;
  private final Sleeper sleeper;
  private final ChatSettings chat;
  private final ModelPrice price;
  private final @Nullable BigDecimal cap;
  private BigDecimal spent = BigDecimal.ZERO;
  private BigDecimal reserved = BigDecimal.ZERO;
  private int created;
  private int resumed;

  public BatchJob(BatchSettings settings, BatchApi api, BatchRecords records, Sleeper sleeper) {
    this.settings = settings;
    this.api = api;
    this.records = records;
    this.sleeper = sleeper;
    this.chat = settings.openAi().chat();
    this.price = settings.openAi().price();
    this.cap = settings.openAi().maxCostUsd();
  }

  /**
   * @param requests iterated once per round, in the same order each time
   * @throws IOException a record could not be read or written, or the API stayed unreachable: the
   *     records on disk let a rerun pick up where this stopped
   */
  public Result run(Iterable<Request> requests) throws IOException, InterruptedException {
    Map<String, Tracked> tracked = new LinkedHashMap<>();
    Map<String, String> firstOfKey = new HashMap<>();
    Map<String, String> sameAs = new LinkedHashMap<>();
    for (Request request : requests) {
      String first = firstOfKey.putIfAbsent(request.key(), request.customId());
      if (first == null) {
        tracked.put(request.customId(), new Tracked(request, chat.maxTokens()));
      } else {
        sameAs.put(request.customId(), first);
      }
    }
    if (tracked.isEmpty()) {
      return new Result(Map.of(), Map.of(), 0, 0);
    }
    List<Active> active = resume(tracked);
    for (int round = 1; round <= settings.maxRounds(); round++) {
      List<Tracked> toSend =
          tracked.values().stream().filter(t -> t.state == State.TO_SEND).toList();
      if (toSend.isEmpty() && active.isEmpty()) {
        break;
      }
      active.addAll(submit(toSend, requests, round));
      await(active);
      for (Active batch : active) {
        collect(batch, tracked);
      }
      active.clear();
    }
    Map<String, Extraction> answers = new LinkedHashMap<>();
    Map<String, ExtractionFailedException> failures = new LinkedHashMap<>();
    for (Tracked t : tracked.values()) {
      if (t.state == State.ANSWERED) {
        answers.put(t.customId, t.answer);
      } else {
        if (t.state != State.FAILED && t.requests > 0) {
          t.detail =
              "gave up after "
                  + t.requests
                  + " batch "
                  + (t.requests == 1 ? "round" : "rounds")
                  + "; last: "
                  + t.detail;
        }
        failures.put(
            t.customId,
            new ExtractionFailedException(
                t.reason, t.detail, t.billed, t.requests, t.rateLimited, t.latencyMs()));
      }
    }
    answerDuplicates(sameAs, answers, failures);
    return new Result(answers, failures, created, resumed);
  }

  /**
   * A request identical to an earlier one of the run (the same key) is sent once: the copies get
   * its answer, deduplicated, or its failure, at no cost.
   */
  private static void answerDuplicates(
      Map<String, String> sameAs,
      Map<String, Extraction> answers,
      Map<String, ExtractionFailedException> failures) {
    sameAs.forEach(
        (copy, first) -> {
          Extraction answer = answers.get(first);
          if (answer != null) {
            answers.put(copy, Extraction.deduplicated(answer.beliefs(), answer.latencyMs()));
          } else {
            ExtractionFailedException failed = failures.get(first);
            failures.put(
                copy,
                new ExtractionFailedException(
                    failed.reason(), failed.getMessage(), Usage.NONE, 0, 0, failed.latencyMs()));
          }
        });
  }

  /** Claims the requests already in an open record's batch; collects other finished batches. */
  private List<Active> resume(Map<String, Tracked> tracked)
      throws IOException, InterruptedException {
    List<Active> active = new ArrayList<>();
    List<BatchRecord> open = new ArrayList<>(records.open());
    // Newest first: a request resubmitted after a failure belongs to its latest batch.
    for (int i = open.size() - 1; i >= 0; i--) {
      BatchRecord record = open.get(i);
      List<Tracked> mine = new ArrayList<>();
      Map<String, Integer> maxTokens = new HashMap<>();
      for (BatchRecord.Entry entry : record.requests()) {
        Tracked t = tracked.get(entry.customId());
        if (t != null && t.state == State.TO_SEND && t.key.equals(entry.key())) {
          mine.add(t);
          maxTokens.put(entry.customId(), entry.maxTokens());
        }
      }
      BatchStatus status;
      try {
        status = existing(record, !mine.isEmpty());
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
          collect(new Active(withId, status), tracked);
        }
        continue;
      }
      long sentMs = Instant.parse(record.createdAt()).toEpochMilli();
      for (Tracked t : mine) {
        t.maxTokens = maxTokens.get(t.customId);
        t.enlarged = t.maxTokens > chat.maxTokens();
        t.sent(withId, sentMs);
        t.reservation = worstCase(t);
        reserved = reserved.add(t.reservation);
      }
      resumed++;
      LOG.info(
          "Batch {} ({}, submitted {}): awaiting {} requests of this run there",
          status.id(),
          status.status(),
          record.createdAt(),
          mine.size());
      active.add(new Active(withId, status));
    }
    return active;
  }

  /**
   * The batch of a record: by its id, else found by the record id in the batches' metadata (the run
   * that wrote the record may have been killed before it could note the id), else created from the
   * uploaded file when {@code create}; null when there is none and none was to be created.
   *
   * @throws ApiErrorException not retryable: the batch, or its file, is gone
   */
  private @Nullable BatchStatus existing(BatchRecord record, boolean create)
      throws IOException, ApiErrorException, InterruptedException {
    if (record.batchId() != null) {
      return api.retrieve(record.batchId());
    }
    Optional<BatchStatus> found = find(record);
    if (found.isPresent()) {
      records.save(record.withBatchId(found.get().id()));
      return found.get();
    }
    return create ? create(record) : null;
  }

  private Optional<BatchStatus> find(BatchRecord record) throws IOException, ApiErrorException {
    long after = Instant.parse(record.createdAt()).minus(CLOCK_SLACK).getEpochSecond();
    return api.find(BatchRecord.METADATA_KEY, record.recordId(), after);
  }

  /**
   * Creates the record's batch and notes its id. A failed attempt may still have created it, so
   * each retry first looks for it.
   */
  private BatchStatus create(BatchRecord record)
      throws IOException, ApiErrorException, InterruptedException {
    Exception last = null;
    long wait = settings.firstPoll().toMillis();
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        sleeper.sleep(wait);
        wait = Math.min(wait * 2, settings.maxPoll().toMillis());
        Optional<BatchStatus> found = find(record);
        if (found.isPresent()) {
          records.save(record.withBatchId(found.get().id()));
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

  /** Uploads and creates the round's batches; requests the budget cannot take wait. */
  private List<Active> submit(List<Tracked> toSend, Iterable<Request> requests, int round)
      throws IOException, InterruptedException {
    Map<String, Tracked> admitted = new LinkedHashMap<>();
    for (Tracked t : toSend) {
      BigDecimal worst = worstCase(t);
      if (cap != null && spent.add(reserved).add(worst).compareTo(cap) > 0) {
        t.reason = "budget_exhausted";
        t.detail =
            "not sent: $"
                + spent.toPlainString()
                + " spent and batches in flight could pass --maxCostUsd="
                + cap.toPlainString();
        continue;
      }
      t.reservation = worst;
      reserved = reserved.add(worst);
      admitted.put(t.customId, t);
    }
    List<Active> batches = new ArrayList<>();
    for (Part part : write(admitted, requests)) {
      Active batch = submit(part, round);
      if (batch != null) {
        batches.add(batch);
      }
    }
    return batches;
  }

  private @Nullable Active submit(Part part, int round) throws IOException, InterruptedException {
    String fileId;
    try {
      fileId = api.upload(part.file);
    } catch (ApiErrorException e) {
      part.notSent(this, e.reason(), e.getMessage(), e.isRetryable());
      return null;
    } catch (IOException e) {
      part.notSent(this, "connection", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
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
            chat.model(),
            fileId,
            null,
            part.entries());
    records.save(record);
    BatchStatus status;
    try {
      status = create(record);
    } catch (ApiErrorException e) {
      records.collected(record);
      part.notSent(this, "http_" + e.status(), e.getMessage(), false);
      return null;
    }
    BatchRecord withId = record.withBatchId(status.id());
    for (Tracked t : part.members) {
      t.sent(withId, now.toEpochMilli());
    }
    LOG.info(
        "Batch {} created (round {}): {} requests, {} bytes",
        status.id(),
        round,
        part.members.size(),
        part.bytes);
    return new Active(withId, status);
  }

  /** Writes the admitted requests' lines to temporary JSONL files within the batch limits. */
  private List<Part> write(Map<String, Tracked> admitted, Iterable<Request> requests)
      throws IOException {
    List<Part> parts = new ArrayList<>();
    if (admitted.isEmpty()) {
      return parts;
    }
    Part current = null;
    try {
      for (Request request : requests) {
        Tracked t = admitted.get(request.customId());
        if (t == null) {
          continue;
        }
        byte[] line =
            (BatchLines.request(
                        request.customId(), chat.requestBody(request.chunkText(), t.maxTokens))
                    + "\n")
                .getBytes(StandardCharsets.UTF_8);
        if (current == null
            || current.members.size() == settings.maxRequestsPerBatch()
            || current.bytes + line.length > settings.maxBytesPerBatch()) {
          if (current != null) {
            current.out.close();
          }
          current = new Part(Files.createTempFile("beliefs-batch-", ".jsonl"));
          parts.add(current);
        }
        current.add(t, line);
      }
    } finally {
      if (current != null) {
        current.out.close();
      }
    }
    return parts;
  }

  /** Polls until every batch has ended. */
  private void await(List<Active> batches) throws IOException, InterruptedException {
    long wait = settings.firstPoll().toMillis();
    while (batches.stream().anyMatch(b -> !b.status.terminal())) {
      sleeper.sleep(wait);
      wait = Math.min(wait * 2, settings.maxPoll().toMillis());
      for (Active batch : batches) {
        if (batch.status.terminal()) {
          continue;
        }
        BatchStatus next;
        try {
          next = api.retrieve(batch.status.id());
        } catch (ApiErrorException e) {
          throw new IOException(
              "batch " + batch.status.id() + " (a rerun picks it up again): " + e.getMessage(), e);
        }
        if (!next.status().equals(batch.status.status())
            || next.completed() != batch.status.completed()) {
          LOG.info(
              "Batch {}: {}, {}/{} done, {} failed",
              next.id(),
              next.status(),
              next.completed(),
              next.total(),
              next.failed());
        }
        batch.status = next;
      }
    }
  }

  /** Reads a finished batch's answers, decides each request's fate, and closes its record. */
  private void collect(Active batch, Map<String, Tracked> tracked) throws IOException {
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
    for (Tracked t : tracked.values()) {
      if (t.state == State.SENT && t.in == batch.record) {
        settle(t, BigDecimal.ZERO);
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
      Active batch,
      Map<String, BatchRecord.Entry> entries,
      Map<String, Tracked> tracked) {
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
    Tracked found = tracked.get(line.customId());
    Tracked t =
        found != null && found.state == State.SENT && found.in == batch.record ? found : null;
    if (line instanceof BatchLines.Answered answered) {
      ChatResponse response = answered.response();
      if (t != null) {
        t.billed = t.billed.plus(response.usage());
        settle(t, price.cost(response.usage()));
      }
      take(response, entry, t);
    } else if (t != null) {
      BatchLines.Failed failed = (BatchLines.Failed) line;
      settle(t, BigDecimal.ZERO);
      if (failed.reason().equals("rate_limited")) {
        t.rateLimited++;
      }
      if (failed.retryable()) {
        t.retry(failed.reason(), failed.detail());
      } else {
        t.fail(failed.reason(), failed.detail());
      }
    }
  }

  /** Judges an answer as {@code OpenAiExtractor} does ({@link AnswerVerdict}); keeps a good one. */
  private void take(ChatResponse response, BatchRecord.Entry entry, @Nullable Tracked t) {
    AnswerVerdict verdict =
        AnswerVerdict.of(response, t == null ? 0 : t.maxTokens, t != null && t.enlarged);
    if (verdict instanceof AnswerVerdict.Accepted accepted) {
      settings.cache().store(entry.key(), response.model(), response.content(), response.usage());
      if (t != null) {
        t.state = State.ANSWERED;
        t.answer =
            new Extraction(accepted.beliefs(), t.billed, t.requests, t.rateLimited, t.latencyMs());
      }
      return;
    }
    if (t == null) {
      // No request waits for this answer any more: only a good one was worth keeping.
      return;
    }
    if (verdict instanceof AnswerVerdict.Retry retry) {
      if (retry.enlarge()) {
        t.enlarged = true;
        t.maxTokens *= 2;
      }
      t.retry(retry.reason(), retry.detail());
    } else {
      AnswerVerdict.Fail fail = (AnswerVerdict.Fail) verdict;
      t.fail(fail.reason(), fail.detail());
    }
  }

  private BigDecimal worstCase(Tracked t) {
    return price.cost(new Usage(t.promptTokens, 0, t.maxTokens));
  }

  private void settle(Tracked t, BigDecimal cost) {
    reserved = reserved.subtract(t.reservation);
    t.reservation = BigDecimal.ZERO;
    spent = spent.add(cost);
  }

  private enum State {
    TO_SEND,
    SENT,
    ANSWERED,
    FAILED
  }

  /** One request's progress through the rounds. */
  private static final class Tracked {
    final String customId;
    final String key;
    final int promptTokens;
    int maxTokens;
    boolean enlarged;
    State state = State.TO_SEND;
    @Nullable BatchRecord in;
    Usage billed = Usage.NONE;
    int requests;
    int rateLimited;
    long firstSentMs = -1;
    BigDecimal reservation = BigDecimal.ZERO;
    String reason = "not_sent";
    String detail = "no batch took the request";
    @Nullable Extraction answer;

    Tracked(Request request, int maxTokens) {
      this.customId = request.customId();
      this.key = request.key();
      this.promptTokens = request.promptTokens();
      this.maxTokens = maxTokens;
    }

    void sent(BatchRecord batch, long atMs) {
      state = State.SENT;
      in = batch;
      requests++;
      if (firstSentMs < 0) {
        firstSentMs = atMs;
      }
    }

    void retry(String why, String what) {
      state = State.TO_SEND;
      in = null;
      reason = why;
      detail = what;
    }

    void fail(String why, String what) {
      state = State.FAILED;
      in = null;
      reason = why;
      detail = what;
    }

    long latencyMs() {
      return firstSentMs < 0 ? 0 : Math.max(0, System.currentTimeMillis() - firstSentMs);
    }
  }

  /** A batch being awaited. */
  private static final class Active {
    final BatchRecord record;
    BatchStatus status;

    Active(BatchRecord record, BatchStatus status) {
      this.record = record;
      this.status = status;
    }
  }

  /** One input file being written. */
  private static final class Part {
    final Path file;
    final OutputStream out;
    final List<Tracked> members = new ArrayList<>();
    long bytes;

    Part(Path file) throws IOException {
      this.file = file;
      this.out = Files.newOutputStream(file);
    }

    void add(Tracked t, byte[] line) throws IOException {
      out.write(line);
      members.add(t);
      bytes += line.length;
    }

    List<BatchRecord.Entry> entries() {
      return members.stream()
          .map(t -> new BatchRecord.Entry(t.customId, t.key, t.maxTokens))
          .toList();
    }

    /** The part never became a batch: its requests wait for the next round, or fail. */
    void notSent(BatchJob job, String reason, String detail, boolean retryable) {
      for (Tracked t : members) {
        job.settle(t, BigDecimal.ZERO);
        if (retryable) {
          t.retry(reason, detail);
        } else {
          t.fail(reason, detail);
        }
      }
    }
  }
}
