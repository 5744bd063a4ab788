package dev.beliefs.chunk;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.beam.RecordOutput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Cuts each transcript into chunks at every level of a {@link ChunkPlan}. The ids of windows
 * skipped as too short go to {@link Result#skipped()}, so the run summary can count them.
 *
 * <p>Chunks are handed on as they are cut, never gathered in a list here: Flink passes each one to
 * extraction as it is output. The DirectRunner holds a step's outputs for an element until the
 * element is done, so there a transcript's chunks are all in memory once it is cut (about 150 bytes
 * each beside the transcript's text). A splittable DoFn would let it hand them on in parts, but the
 * DirectRunner copies the element through its coder at every part, which for a large transcript
 * costs far more than it saves.
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

  /**
   * @param chunks the windows to extract
   * @param skipped the ids of windows too short to send
   * @param planned transcript id and how many of its chunks are in {@code chunks}
   */
  public record Result(
      PCollection<Chunk> chunks, PCollection<String> skipped, PCollection<KV<String, Long>> planned)
      implements RecordOutput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("chunks", chunks).and("skipped", skipped).and("planned", planned);
    }
  }

  @Override
  public Result expand(PCollection<Transcript> transcripts) {
    TupleTag<Chunk> kept = new TupleTag<>() {};
    TupleTag<String> skipped = new TupleTag<>() {};
    TupleTag<KV<String, Long>> planned = new TupleTag<>() {};
    PCollectionTuple outputs =
        transcripts.apply(
            "CutWindows",
            ParDo.of(new CutWindowsFn(plan, sizer, backlog, kept, skipped, planned))
                .withOutputTags(kept, TupleTagList.of(skipped).and(planned)));
    return new Result(
        outputs.get(kept),
        outputs.get(skipped).setCoder(StringUtf8Coder.of()),
        outputs.get(planned).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
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
    private final TupleTag<KV<String, Long>> planned;

    CutWindowsFn(
        ChunkPlan plan,
        PromptSizer sizer,
        ChunkBacklog backlog,
        TupleTag<Chunk> kept,
        TupleTag<String> skipped,
        TupleTag<KV<String, Long>> planned) {
      this.plan = plan;
      this.sizer = sizer;
      this.backlog = backlog;
      this.kept = kept;
      this.skipped = skipped;
      this.planned = planned;
    }

    /**
     * Cuts the transcript's windows one at a time, each handed on as it is cut. The backlog learns
     * the transcript's chunk count first, without rendering any, and the count is handed on for the
     * merge to know when the transcript is complete.
     */
    @ProcessElement
    public void process(@Element Transcript transcript, MultiOutputReceiver out) {
      long keptCount = plan.keptCount(transcript);
      backlog.cut(keptCount);
      out.get(planned).output(KV.of(transcript.id(), keptCount));
      long windows = plan.windowCount(transcript);
      for (long position = 0; position < windows; position++) {
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
  }
}
