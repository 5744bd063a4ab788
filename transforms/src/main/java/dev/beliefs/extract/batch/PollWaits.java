package dev.beliefs.extract.batch;

import dev.beliefs.extract.limits.Sleeper;

/**
 * The waits between looks at the Batch API: {@link BatchSettings#firstPoll}, then twice as long
 * each time, up to {@link BatchSettings#maxPoll}.
 */
final class PollWaits {

  private final Sleeper sleeper;
  private final long maxMs;
  private long nextMs;

  PollWaits(BatchSettings settings, Sleeper sleeper) {
    this.sleeper = sleeper;
    this.nextMs = settings.firstPoll().toMillis();
    this.maxMs = settings.maxPoll().toMillis();
  }

  void sleep() throws InterruptedException {
    sleeper.sleep(nextMs);
    nextMs = Math.min(nextMs * 2, maxMs);
  }
}
