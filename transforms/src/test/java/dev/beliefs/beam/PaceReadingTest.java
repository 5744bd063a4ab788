package dev.beliefs.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.junit.jupiter.api.Test;

/** On the DirectRunner, which has no backpressure, paced reading keeps cutting near extraction. */
class PaceReadingTest {

  private static final int ELEMENTS = 40;
  private static final AtomicLong WAITING = new AtomicLong();
  private static final AtomicLong MOST_WAITING = new AtomicLong();
  private static final AtomicLong EXTRACTED = new AtomicLong();

  /** Cuts an element into 3 chunks, as ExplodeChunks cuts a transcript. */
  static class CutFn extends DoFn<Integer, Integer> {
    private final ChunkBacklog backlog;

    CutFn(ChunkBacklog backlog) {
      this.backlog = backlog;
    }

    @ProcessElement
    public void process(@Element Integer element, OutputReceiver<Integer> out) {
      backlog.cut(3);
      MOST_WAITING.accumulateAndGet(WAITING.incrementAndGet(), Math::max);
      out.output(element);
    }
  }

  /** Takes its time, then marks the element's 3 chunks done. */
  static class SlowExtractFn extends DoFn<Integer, Integer> {
    private final ChunkBacklog backlog;

    SlowExtractFn(ChunkBacklog backlog) {
      this.backlog = backlog;
    }

    @ProcessElement
    public void process(@Element Integer element) throws InterruptedException {
      Thread.sleep(100);
      WAITING.decrementAndGet();
      EXTRACTED.incrementAndGet();
      backlog.done(3);
    }
  }

  private static long mostCutAndWaiting(ChunkBacklog backlog) {
    WAITING.set(0);
    MOST_WAITING.set(0);
    EXTRACTED.set(0);
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setTargetParallelism(4);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(Create.of(IntStream.range(0, ELEMENTS).boxed().toList()))
        .apply(Reshuffle.viaRandomKey())
        .apply(new PaceReading<>(backlog))
        .apply(ParDo.of(new CutFn(backlog)))
        .apply(ParDo.of(new SlowExtractFn(backlog)));
    pipeline.run().waitUntilFinish();
    assertEquals(ELEMENTS, EXTRACTED.get(), "every element passes");
    return MOST_WAITING.get();
  }

  @Test
  void withoutALimit_everythingIsCutBeforeExtractionCatchesUp() {
    assertTrue(mostCutAndWaiting(ChunkBacklog.unbounded()) >= ELEMENTS / 2);
  }

  @Test
  void withALimit_onlyAFewElementsAreCutAheadOfExtraction() {
    // 120 chunks of room: two elements at 50 while unread, then 3 each once cut.
    long most = mostCutAndWaiting(ChunkBacklog.of(120));

    assertTrue(most <= 10, "cut and waiting at once: " + most);
  }
}
