package dev.beliefs.beam;

import java.util.List;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;

/**
 * Lets elements (files to read) through only while the {@link ChunkBacklog} has room, so that
 * reading does not run far ahead of extraction on a runner without backpressure. Every element let
 * through must later be {@link ChunkBacklog#cut} or {@link ChunkBacklog#released}. With an
 * unbounded backlog it is a plain pass-through.
 *
 * <p>How, on the DirectRunner: the elements are gathered into a side input, and one splittable DoFn
 * walks it, letting an element through while there is room. When there is none, it hands its
 * position back to the runner to be resumed {@value #RETRY_MS} ms later, rather than holding one of
 * the runner's fixed number of threads, which extraction needs; what it let through so far is then
 * passed downstream. A single walker means one poll per retry, however many files wait.
 */
public class PaceReading<T> extends PTransform<PCollection<T>, PCollection<T>> {

  static final long RETRY_MS = 100;

  private final ChunkBacklog backlog;

  public PaceReading(ChunkBacklog backlog) {
    this.backlog = backlog;
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    if (!backlog.isBounded()) {
      return input;
    }
    PCollectionView<List<T>> elements = input.apply("GatherElements", View.asList());
    return input
        .getPipeline()
        .apply("Start", Create.of(0))
        .apply(
            "LetThroughWithRoom",
            ParDo.of(new LetThroughFn<T>(backlog, elements)).withSideInputs(elements))
        .setCoder(input.getCoder());
  }

  /**
   * Walks the gathered elements, one claimed position per element let through. The positions run to
   * {@code Long.MAX_VALUE} because the count is known only once the side input is read; the walk
   * claims past the end to finish.
   */
  @DoFn.BoundedPerElement
  static class LetThroughFn<T> extends DoFn<Integer, T> {
    private final ChunkBacklog backlog;
    private final PCollectionView<List<T>> elements;

    LetThroughFn(ChunkBacklog backlog, PCollectionView<List<T>> elements) {
      this.backlog = backlog;
      this.elements = elements;
    }

    @ProcessElement
    public ProcessContinuation process(
        ProcessContext context, RestrictionTracker<OffsetRange, Long> tracker) {
      List<T> all = context.sideInput(elements);
      for (long position = tracker.currentRestriction().getFrom(); ; position++) {
        if (position >= all.size()) {
          tracker.tryClaim(Long.MAX_VALUE);
          return ProcessContinuation.stop();
        }
        if (!backlog.hasRoom()) {
          return ProcessContinuation.resume().withResumeDelay(Duration.millis(RETRY_MS));
        }
        if (!tracker.tryClaim(position)) {
          return ProcessContinuation.stop();
        }
        backlog.admitted();
        context.output(all.get((int) position));
      }
    }

    @GetInitialRestriction
    public OffsetRange initialRestriction(@Element Integer start) {
      return new OffsetRange(0, Long.MAX_VALUE);
    }
  }
}
