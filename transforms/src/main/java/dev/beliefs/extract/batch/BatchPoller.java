package dev.beliefs.extract.batch;

import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until every batch has ended ({@link BatchStatus#terminal()}), looking at those still
 * running after {@link BatchSettings#firstPoll}, then twice as long each time up to {@link
 * BatchSettings#maxPoll} ({@link PollWaits}). Each batch's status is kept up to date in its {@link
 * ActiveBatch}; a change is logged.
 */
final class BatchPoller {

  private static final Logger LOG = LoggerFactory.getLogger(BatchPoller.class);

  private final BatchSettings settings;
  private final BatchApi api;
  private final Sleeper sleeper;

  BatchPoller(BatchSettings settings, BatchApi api, Sleeper sleeper) {
    this.settings = settings;
    this.api = api;
    this.sleeper = sleeper;
  }

  /**
   * @throws IOException the API stayed unreachable, or a batch is gone: the records let a rerun
   *     await the batches again
   */
  void await(List<ActiveBatch> batches) throws IOException, InterruptedException {
    PollWaits waits = new PollWaits(settings, sleeper);
    while (batches.stream().anyMatch(b -> !b.status.terminal())) {
      waits.sleep();
      for (ActiveBatch batch : batches) {
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
}
