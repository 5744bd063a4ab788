package dev.beliefs.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.apache.beam.sdk.values.PCollection;
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
  void withoutALimit_readingIsAPlainPassThrough() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<Integer> input = pipeline.apply(Create.of(1, 2, 3));

    assertSame(input, input.apply(new PaceReading<>(ChunkBacklog.unbounded())));
  }

  @Test
  void withALimit_atMostOneUncutElementAndAFewCutOnesWaitAtOnce() {
    // A limit of 12 lets one element in (it counts as 50 until cut) and, once it is cut into 3,
    // more only while fewer than 12 are pending: at most 4 cut elements wait, whatever the timing.
    long most = mostCutAndWaiting(ChunkBacklog.of(12));

    assertTrue(most <= 4, "cut and waiting at once: " + most);
  }
}
