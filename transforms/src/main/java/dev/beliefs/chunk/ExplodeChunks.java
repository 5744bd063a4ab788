package dev.beliefs.chunk;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Cuts each transcript into chunks at every level of a {@link ChunkPlan}. The ids of windows
 * skipped as too short go to {@link Result#skipped()}, so the run summary can count them.
 *
 * <p>Chunks are handed on as they are cut, never gathered: the cutting is a splittable DoFn over
 * the transcript's window positions, so a runner that buffers a step's output until the step
 * returns (the DirectRunner) takes it in small parts and extraction starts after the first, however
 * large the transcript. Flink passes each chunk on as it is output.
 */
public class ExplodeChunks extends PTransform<PCollection<Transcript>, ExplodeChunks.Result> {

  private final ChunkPlan plan;
  private final PromptSizer sizer;
  private final ChunkBacklog backlog;

  public ExplodeChunks(ChunkPlan plan, PromptSizer sizer) {
    this(plan, sizer, ChunkBacklog.unbounded());
  }

  private ExplodeChunks(ChunkPlan plan, PromptSizer sizer, ChunkBacklog backlog) {
    this.plan = plan;
    this.sizer = sizer;
    this.backlog = backlog;
  }

  /** Counts the chunks cut into {@code backlog}, for {@link dev.beliefs.beam.PaceReading}. */
  public ExplodeChunks withBacklog(ChunkBacklog backlog) {
    return new ExplodeChunks(plan, sizer, backlog);
  }

  public record Result(PCollection<Chunk> chunks, PCollection<String> skipped)
      implements RecordOutput {}

  @Override
  public Result expand(PCollection<Transcript> transcripts) {
    TupleTag<Chunk> kept = new TupleTag<>() {};
    TupleTag<String> skipped = new TupleTag<>() {};
    PCollectionTuple outputs =
        transcripts.apply(
            "CutWindows",
            ParDo.of(new CutWindowsFn(plan, sizer, backlog, kept, skipped))
                .withOutputTags(kept, TupleTagList.of(skipped)));
    return new Result(outputs.get(kept), outputs.get(skipped).setCoder(StringUtf8Coder.of()));
  }

  @DoFn.BoundedPerElement
  static class CutWindowsFn extends DoFn<Transcript, Chunk> {
    private final Counter chunksSkipped = Metrics.counter(ExplodeChunks.class, "chunks_skipped");
    private final Distribution chunkPromptTokens =
        Metrics.distribution(ExplodeChunks.class, "chunk_prompt_tokens");

    private final ChunkPlan plan;
    private final PromptSizer sizer;
    private final ChunkBacklog backlog;
    private final TupleTag<Chunk> kept;
    private final TupleTag<String> skipped;

    CutWindowsFn(
        ChunkPlan plan,
        PromptSizer sizer,
        ChunkBacklog backlog,
        TupleTag<Chunk> kept,
        TupleTag<String> skipped) {
      this.plan = plan;
      this.sizer = sizer;
      this.backlog = backlog;
      this.kept = kept;
      this.skipped = skipped;
    }

    /**
     * Cuts the windows of the positions it claims. The backlog learns the transcript's chunk count
     * once, with the first window (or at once for a transcript without any).
     */
    @ProcessElement
    public void process(
        @Element Transcript transcript,
        RestrictionTracker<OffsetRange, Long> tracker,
        MultiOutputReceiver out) {
      OffsetRange range = tracker.currentRestriction();
      if (range.getFrom() == range.getTo() && range.getFrom() == 0) {
        backlog.cut(0);
      }
      for (long position = range.getFrom(); tracker.tryClaim(position); position++) {
        if (position == 0) {
          backlog.cut(plan.keptCount(transcript));
        }
        ChunkPlan.Window window = plan.window(transcript, position, sizer);
        if (window.kept()) {
          chunkPromptTokens.update(window.chunk().estimatedPromptTokens());
          out.get(kept).output(window.chunk());
        } else {
          chunksSkipped.inc();
          out.get(skipped).output(window.chunk().id());
        }
      }
    }

    @GetInitialRestriction
    public OffsetRange windows(@Element Transcript transcript) {
      return new OffsetRange(0, plan.windowCount(transcript));
    }
  }
}
