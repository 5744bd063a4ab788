package dev.beliefs.chunk;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Cuts each transcript into chunks at every level of a {@link ChunkPlan}. The ids of windows
 * skipped as too short go to {@link Result#skipped()}, so the run summary can count them.
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

    @ProcessElement
    public void process(@Element Transcript transcript, MultiOutputReceiver out) {
      ChunkPlan.Windows windows = plan.cut(transcript, sizer);
      backlog.cut(windows.kept().size());
      for (Chunk chunk : windows.kept()) {
        chunkPromptTokens.update(chunk.estimatedPromptTokens());
        out.get(kept).output(chunk);
      }
      for (String id : windows.skipped()) {
        chunksSkipped.inc();
        out.get(skipped).output(id);
      }
    }
  }
}
