package dev.beliefs.extract.batch;

import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets the answers to a run's requests through the Batch API, in rounds.
 *
 * <p>First it picks up the batches an earlier run submitted ({@link BatchResumer}): a request found
 * in one is not sent again but awaited there. Then, each round, it sends the requests still waiting
 * ({@link BatchSubmitter}: JSONL files of at most {@link BatchSettings#maxRequestsPerBatch} and
 * {@link BatchSettings#maxBytesPerBatch}, each uploaded, recorded and made a batch), waits until
 * every batch has ended ({@link BatchPoller}), and collects their answers ({@link BatchCollector}),
 * which decides which requests are answered, which failed, and which go into the next round. After
 * {@link BatchSettings#maxRounds} rounds a request still waiting fails with its last reason.
 *
 * <p>Every answer with status 200 is billed at the batch price. With a spending cap, the run's
 * {@link Budget} (the one online extraction uses) sends a request only when the worst case of
 * everything sent stays within it; the others wait for the next round, when the earlier batches'
 * true cost is known.
 *
 * <p>Identical requests of the run (the same cache key, for chunks of identical text) are sent
 * once; the others get that answer, deduplicated, at no cost.
 *
 * <p>One instance runs one job, on one thread.
 */
public final class BatchJob {

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
  private final Budget budget;
  private final BatchCreator creator;
  private final BatchResumer resumer;
  private final BatchSubmitter submitter;
  private final BatchPoller poller;
  private final BatchCollector collector;

  public BatchJob(BatchSettings settings, BatchApi api, BatchRecords records, Sleeper sleeper) {
    this.settings = settings;
    this.budget = new Budget(settings.openAi().maxCostUsd());
    this.creator = new BatchCreator(settings, api, records, sleeper);
    this.collector = new BatchCollector(settings, api, records, budget);
    this.resumer = new BatchResumer(settings, records, creator, collector, budget);
    this.submitter = new BatchSubmitter(settings, api, records, creator, budget);
    this.poller = new BatchPoller(settings, api, sleeper);
  }

  /**
   * @param requests iterated once per round, in the same order each time
   * @throws IOException a record could not be read or written, or the API stayed unreachable: the
   *     records on disk let a rerun pick up where this stopped
   */
  public Result run(Iterable<Request> requests) throws IOException, InterruptedException {
    Map<String, TrackedRequest> tracked = new LinkedHashMap<>();
    Map<String, String> firstOfKey = new HashMap<>();
    Map<String, String> sameAs = new LinkedHashMap<>();
    for (Request request : requests) {
      String first = firstOfKey.putIfAbsent(request.key(), request.customId());
      if (first == null) {
        tracked.put(
            request.customId(), new TrackedRequest(request, settings.openAi().chat().maxTokens()));
      } else {
        sameAs.put(request.customId(), first);
      }
    }
    if (tracked.isEmpty()) {
      return new Result(Map.of(), Map.of(), 0, 0);
    }
    List<ActiveBatch> active = resumer.resume(tracked);
    for (int round = 1; round <= settings.maxRounds(); round++) {
      List<TrackedRequest> toSend =
          tracked.values().stream().filter(t -> t.state == TrackedRequest.State.TO_SEND).toList();
      if (toSend.isEmpty() && active.isEmpty()) {
        break;
      }
      active.addAll(submitter.submit(toSend, requests, round));
      poller.await(active);
      for (ActiveBatch batch : active) {
        collector.collect(batch, tracked);
      }
      active.clear();
    }
    budget.close();
    Map<String, Extraction> answers = new LinkedHashMap<>();
    Map<String, ExtractionFailedException> failures = new LinkedHashMap<>();
    for (TrackedRequest t : tracked.values()) {
      if (t.state == TrackedRequest.State.ANSWERED) {
        answers.put(t.customId, t.answer);
      } else {
        failures.put(t.customId, t.failure());
      }
    }
    answerDuplicates(sameAs, answers, failures);
    return new Result(answers, failures, creator.created(), resumer.resumed());
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
}
