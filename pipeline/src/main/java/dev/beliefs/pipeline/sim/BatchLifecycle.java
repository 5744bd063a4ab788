package dev.beliefs.pipeline.sim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a batch through OpenAI's statuses, each step after a delay of simulated time: {@code
 * validating} for 1 s, then {@code failed} when its input file is refused ({@link BatchInput}), or
 * {@code in_progress} for 60 s + 1 s per request, at the end of which every line is answered at
 * once ({@link BatchRequests}) and the output and error files are kept; then {@code finalizing} for
 * 1 s and {@code completed}, or at once {@code expired} when the window closed on a request. A
 * batch {@code validating} or {@code in_progress} can be cancelled: {@code cancelling} for 1 s,
 * then {@code cancelled}, without answers.
 */
final class BatchLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(BatchLifecycle.class);
  private static final Duration VALIDATING = Duration.ofSeconds(1);
  private static final Duration BASE = Duration.ofSeconds(60);
  private static final Duration PER_REQUEST = Duration.ofSeconds(1);
  private static final Duration FINALIZING = Duration.ofSeconds(1);

  /** Runs a step of a batch once {@code delay} of simulated time has passed. */
  @FunctionalInterface
  interface Scheduler {
    Future<?> after(Duration delay, Runnable step);

    /** On {@code timer}, with simulated time at the simulator's time scale. */
    static Scheduler scaled(ScheduledExecutorService timer, SimulatorConfig config) {
      return (delay, step) ->
          timer.schedule(step, config.scaled(delay).toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private final Scheduler scheduler;
  private final BatchRequests requests;
  private final Files files;
  private final String endpoint;
  private final int maxRequests;

  /**
   * @param endpoint the URL every line must name
   * @param maxRequests lines an input file may hold
   */
  BatchLifecycle(
      Scheduler scheduler, BatchRequests requests, Files files, String endpoint, int maxRequests) {
    this.scheduler = scheduler;
    this.requests = requests;
    this.files = files;
    this.endpoint = endpoint;
    this.maxRequests = maxRequests;
  }

  /** Starts validating a batch just created from {@code input}. */
  void start(SimulatedBatch batch, Files.StoredFile input) {
    synchronized (batch) {
      batch.schedule(scheduler.after(VALIDATING, () -> validate(batch, input)));
    }
  }

  /**
   * Cancels a batch that is still {@code validating} or {@code in_progress}.
   *
   * @return false, changing nothing, when the batch is past that
   */
  boolean cancel(SimulatedBatch batch) {
    synchronized (batch) {
      if (!batch.status.equals("validating") && !batch.status.equals("in_progress")) {
        return false;
      }
      batch.pending.cancel(false);
      batch.moveTo("cancelling");
      afterFinalizing(batch, "cancelled");
      return true;
    }
  }

  /** Checks the input file; a good one goes in progress until every line is answered. */
  private void validate(SimulatedBatch batch, Files.StoredFile file) {
    BatchInput input = BatchInput.read(file.content(), endpoint, maxRequests);
    synchronized (batch) {
      if (!batch.status.equals("validating")) {
        return;
      }
      if (!input.errors().isEmpty()) {
        batch.moveTo("failed");
        batch.errors = input.errors();
        return;
      }
      batch.moveTo("in_progress");
      batch.total = input.lines().size();
      Duration running = BASE.plus(PER_REQUEST.multipliedBy(input.lines().size()));
      batch.schedule(scheduler.after(running, () -> run(batch, input.lines())));
    }
  }

  /** Answers every line, keeps the output and error files, and ends the batch. */
  private void run(SimulatedBatch batch, List<BatchInput.Line> lines) {
    BatchOutput output;
    try {
      output = requests.answerAll(lines);
    } catch (RuntimeException e) {
      LOG.warn("batch {} crashed", batch.id, e);
      synchronized (batch) {
        batch.moveTo("failed");
        batch.errors =
            List.of(BatchInput.error("server_error", "The batch failed: " + e, null, null));
      }
      return;
    }
    synchronized (batch) {
      if (!batch.status.equals("in_progress")) {
        return;
      }
      batch.completed = output.completed();
      batch.failed = output.failed();
      batch.outputFileId = output.storeOutput(files, batch.id);
      batch.errorFileId = output.storeErrors(files, batch.id);
      if (output.expired()) {
        batch.moveTo("expired");
        return;
      }
      batch.moveTo("finalizing");
      afterFinalizing(batch, "completed");
    }
  }

  /** Ends the batch in {@code last} once it has been finalized (or cancelled). */
  private void afterFinalizing(SimulatedBatch batch, String last) {
    batch.schedule(scheduler.after(FINALIZING, () -> batch.moveTo(last)));
  }
}
