package dev.beliefs.extract;

import dev.beliefs.beam.RecordOutput;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
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
 * Asks the extractor for each chunk's beliefs, grounds them ({@link Grounding}) and prices the
 * usage. A chunk that fails after its last attempt goes to {@link Result#failures()} with {@code
 * stage=extract}, the reason, the attempts and what they cost.
 */
public class ExtractBeliefs extends PTransform<PCollection<Chunk>, ExtractBeliefs.Result> {

  private final BeliefExtractorFactory extractors;
  private final ModelPrice price;

  public ExtractBeliefs(BeliefExtractorFactory extractors, ModelPrice price) {
    this.extractors = extractors;
    this.price = price;
  }

  public record Result(PCollection<ChunkResult> results, PCollection<ChunkFailure> failures)
      implements RecordOutput {}

  @Override
  public Result expand(PCollection<Chunk> chunks) {
    TupleTag<ChunkResult> extracted = new TupleTag<>() {};
    TupleTag<ChunkFailure> failed = new TupleTag<>() {};
    PCollectionTuple outputs =
        chunks.apply(
            "AskModel",
            ParDo.of(new ExtractChunkFn(extractors, price, extracted, failed))
                .withOutputTags(extracted, TupleTagList.of(failed)));
    return new Result(outputs.get(extracted), outputs.get(failed));
  }

  static class ExtractChunkFn extends DoFn<Chunk, ChunkResult> {
    private final Counter requests = Metrics.counter(ExtractBeliefs.class, "requests");
    private final Counter retries = Metrics.counter(ExtractBeliefs.class, "retries");
    private final Counter rateLimited = Metrics.counter(ExtractBeliefs.class, "rate_limited");
    private final Counter promptTokens = Metrics.counter(ExtractBeliefs.class, "prompt_tokens");
    private final Counter cachedPromptTokens =
        Metrics.counter(ExtractBeliefs.class, "cached_prompt_tokens");
    private final Counter completionTokens =
        Metrics.counter(ExtractBeliefs.class, "completion_tokens");
    private final Counter costMicroUsd = Metrics.counter(ExtractBeliefs.class, "cost_micro_usd");
    private final Counter chunksDone = Metrics.counter(ExtractBeliefs.class, "chunks_done");
    private final Counter chunksFailed = Metrics.counter(ExtractBeliefs.class, "chunks_failed");
    private final Counter beliefs = Metrics.counter(ExtractBeliefs.class, "beliefs");
    private final Counter ungroundedDropped =
        Metrics.counter(ExtractBeliefs.class, "ungrounded_dropped");
    private final Distribution latencyMs = Metrics.distribution(ExtractBeliefs.class, "latency_ms");

    private final BeliefExtractorFactory extractors;
    private final ModelPrice price;
    private final TupleTag<ChunkResult> extracted;
    private final TupleTag<ChunkFailure> failed;
    private transient BeliefExtractor extractor;

    ExtractChunkFn(
        BeliefExtractorFactory extractors,
        ModelPrice price,
        TupleTag<ChunkResult> extracted,
        TupleTag<ChunkFailure> failed) {
      this.extractors = extractors;
      this.price = price;
      this.extracted = extracted;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      extractor = extractors.create();
    }

    @ProcessElement
    public void process(@Element Chunk chunk, MultiOutputReceiver out) {
      try {
        Extraction extraction = extractor.extract(chunk);
        Grounding.Outcome grounded = Grounding.ground(chunk, extraction.beliefs());
        CallStats stats =
            stats(
                chunk,
                true,
                extraction.requests(),
                extraction.rateLimited(),
                extraction.usage(),
                extraction.latencyMs(),
                grounded.kept().size(),
                grounded.dropped());
        out.get(extracted)
            .output(
                new ChunkResult(
                    chunk.id(), chunk.transcriptId(), chunk.level(), grounded.kept(), stats));
        chunksDone.inc();
        beliefs.inc(grounded.kept().size());
        ungroundedDropped.inc(grounded.dropped());
      } catch (ExtractionFailedException e) {
        CallStats stats =
            stats(chunk, false, e.requests(), e.rateLimited(), e.billed(), e.latencyMs(), 0, 0);
        Failure failure =
            new Failure(
                chunk.id(), Failure.STAGE_EXTRACT, e.reason(), e.getMessage(), e.requests());
        out.get(failed).output(new ChunkFailure(chunk.transcriptId(), failure, stats));
        chunksFailed.inc();
      }
    }

    private CallStats stats(
        Chunk chunk,
        boolean succeeded,
        int attempts,
        int limited,
        Usage usage,
        long latency,
        int kept,
        int dropped) {
      BigDecimal cost = price.cost(usage);
      requests.inc(attempts);
      retries.inc(Math.max(0, attempts - 1));
      rateLimited.inc(limited);
      promptTokens.inc(usage.promptTokens());
      cachedPromptTokens.inc(usage.cachedPromptTokens());
      completionTokens.inc(usage.completionTokens());
      costMicroUsd.inc(cost.movePointRight(6).longValue());
      latencyMs.update(latency);
      return new CallStats(
          extractors.model(),
          chunk.level(),
          succeeded,
          attempts,
          Math.max(0, attempts - 1),
          limited,
          false,
          usage,
          cost,
          latency,
          kept,
          dropped);
    }

    @Teardown
    public void teardown() {
      if (extractor != null) {
        extractor.close();
      }
    }
  }
}
