package dev.beliefs.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Gives back to the {@link ChunkBacklog} the room of each element: transcripts let through by
 * {@link PaceReading} that will never be cut (unreadable, or unchanged since an earlier run).
 */
public class ReleaseBacklog<T> extends PTransform<PCollection<T>, PDone> {

  private final ChunkBacklog backlog;

  public ReleaseBacklog(ChunkBacklog backlog) {
    this.backlog = backlog;
  }

  @Override
  public PDone expand(PCollection<T> input) {
    input.apply("Release", ParDo.of(new ReleaseFn<T>(backlog)));
    return PDone.in(input.getPipeline());
  }

  static class ReleaseFn<T> extends DoFn<T, Void> {
    private final ChunkBacklog backlog;

    ReleaseFn(ChunkBacklog backlog) {
      this.backlog = backlog;
    }

    @ProcessElement
    public void process() {
      backlog.released();
    }
  }
}
