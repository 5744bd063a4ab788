package dev.beliefs.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Passes each element on once the {@link ChunkBacklog} has room: put before reading, it keeps the
 * reading of files from running far ahead of extraction on runners without backpressure.
 */
public class PaceReading<T> extends PTransform<PCollection<T>, PCollection<T>> {

  private final ChunkBacklog backlog;

  public PaceReading(ChunkBacklog backlog) {
    this.backlog = backlog;
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply("AwaitBacklog", ParDo.of(new AwaitBacklogFn<T>(backlog)))
        .setCoder(input.getCoder());
  }

  static class AwaitBacklogFn<T> extends DoFn<T, T> {
    private final ChunkBacklog backlog;

    AwaitBacklogFn(ChunkBacklog backlog) {
      this.backlog = backlog;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) throws InterruptedException {
      backlog.awaitRoom();
      out.output(element);
    }
  }
}
