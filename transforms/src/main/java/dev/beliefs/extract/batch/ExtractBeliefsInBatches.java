package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.ChunkOutcomes;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.ExtractionMetrics;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.progress.ChunkTally;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@link ExtractBeliefs} through OpenAI's Batch API, with the same input and outputs: each chunk's
 * grounded beliefs and their cost (at the batch price), or its failure with {@code stage=extract}.
 *
 * <p>{@code LookUpCache} answers the chunks whose request is in the response cache, in parallel, as
 * online extraction would. The rest are gathered into one group ({@code GatherUnanswered}, a {@link
 * GroupByKey} on a single key: the input must be bounded) and {@code RunBatches}, a single call on
 * one worker, spills them to a local file (a runner may let a grouped result be iterated only once,
 * and Flink does), submits them and waits for every batch to end ({@link BatchJob}): hours,
 * possibly. Its answers then go through the same parsing, grounding and pricing as online ones
 * ({@link ChunkOutcomes}). The batches are recorded under {@link BatchSettings#recordsDirectory()}
 * before they are awaited, so that a rerun of a killed or failed job, or a runner's retry of the
 * step, awaits them instead of paying again.
 */
public class ExtractBeliefsInBatches extends PTransform<PCollection<Chunk>, ExtractBeliefs.Result> {

  private final BatchSettings settings;
  private final ChunkTally tally;

  public ExtractBeliefsInBatches(BatchSettings settings) {
    this(settings, ChunkTally.of(UUID.randomUUID().toString()));
  }

  private ExtractBeliefsInBatches(BatchSettings settings, ChunkTally tally) {
    this.settings = settings;
    this.tally = tally;
  }

  /** Counts each chunk as it arrives and as its answer comes, for a progress display. */
  public ExtractBeliefsInBatches withProgress(ChunkTally tally) {
    return new ExtractBeliefsInBatches(settings, tally);
  }

  /**
   * A chunk the cache could not answer.
   *
   * @param key its request's cache key
   * @param cacheCorrupt an entry under the key was there but unusable
   */
  public record Unanswered(Chunk chunk, String key, boolean cacheCorrupt) implements Serializable {}

  @Override
  public ExtractBeliefs.Result expand(PCollection<Chunk> chunks) {
    TupleTag<ChunkResult> cached = new TupleTag<>() {};
    TupleTag<KV<Integer, Unanswered>> unanswered = new TupleTag<>() {};
    PCollectionTuple looked =
        chunks.apply(
            "LookUpCache",
            ParDo.of(new LookUpCacheFn(settings, tally, cached, unanswered))
                .withOutputTags(cached, TupleTagList.of(unanswered)));

    TupleTag<ChunkResult> extracted = new TupleTag<>() {};
    TupleTag<ChunkFailure> failed = new TupleTag<>() {};
    PCollectionTuple asked =
        looked
            .get(unanswered)
            .setCoder(KvCoder.of(VarIntCoder.of(), JsonCoder.of(Unanswered.class)))
            .apply("GatherUnanswered", GroupByKey.create())
            .apply(
                "RunBatches",
                ParDo.of(new RunBatchesFn(settings, tally, extracted, failed))
                    .withOutputTags(extracted, TupleTagList.of(failed)));

    PCollection<ChunkResult> results =
        PCollectionList.of(looked.get(cached))
            .and(asked.get(extracted))
            .apply("AllResults", Flatten.pCollections());
    return new ExtractBeliefs.Result(results, asked.get(failed));
  }

  /** Answers a chunk from the cache, or passes it on under the one key of the gathering. */
  static class LookUpCacheFn extends DoFn<Chunk, ChunkResult> {
    private final ExtractionMetrics metrics = new ExtractionMetrics();
    private final BatchSettings settings;
    private final ChunkTally tally;
    private final TupleTag<ChunkResult> cached;
    private final TupleTag<KV<Integer, Unanswered>> unanswered;

    LookUpCacheFn(
        BatchSettings settings,
        ChunkTally tally,
        TupleTag<ChunkResult> cached,
        TupleTag<KV<Integer, Unanswered>> unanswered) {
      this.settings = settings;
      this.tally = tally;
      this.cached = cached;
      this.unanswered = unanswered;
    }

    @ProcessElement
    public void process(@Element Chunk chunk, MultiOutputReceiver out) {
      long start = System.nanoTime();
      tally.arrived();
      ChatSettings chat = settings.openAi().chat();
      String key = ResponseCache.key(chat.requestBody(chunk.text(), chat.maxTokens()));
      ResponseCache.Lookup found = settings.cache().lookup(key);
      if (found instanceof ResponseCache.Hit hit) {
        Extraction extraction =
            Extraction.fromCache(
                hit.beliefs(), hit.entry().usage(), (System.nanoTime() - start) / 1_000_000);
        ChunkResult result =
            ChunkOutcomes.result(chunk, extraction, chat.model(), settings.openAi().price());
        metrics.count(result.stats());
        tally.done(result.stats());
        out.get(cached).output(result);
      } else {
        out.get(unanswered)
            .output(KV.of(0, new Unanswered(chunk, key, found instanceof ResponseCache.Corrupt)));
      }
    }
  }

  /** Runs every unanswered chunk through the Batch API and emits each one's outcome. */
  static class RunBatchesFn extends DoFn<KV<Integer, Iterable<Unanswered>>, ChunkResult> {
    private final ExtractionMetrics metrics = new ExtractionMetrics();
    private final BatchSettings settings;
    private final ChunkTally tally;
    private final TupleTag<ChunkResult> extracted;
    private final TupleTag<ChunkFailure> failed;
    private transient HttpBatchApi api;

    RunBatchesFn(
        BatchSettings settings,
        ChunkTally tally,
        TupleTag<ChunkResult> extracted,
        TupleTag<ChunkFailure> failed) {
      this.settings = settings;
      this.tally = tally;
      this.extracted = extracted;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      api =
          new HttpBatchApi(
              settings.openAi().baseUrl(),
              settings.openAi().apiKeySource().apiKey(),
              settings.openAi().connectTimeout(),
              settings.openAi().readTimeout());
    }

    @Teardown
    public void teardown() {
      if (api != null) {
        api.close();
      }
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Unanswered>> group, MultiOutputReceiver out)
        throws IOException, InterruptedException {
      Path spilled = Files.createTempFile("beliefs-unanswered-", ".jsonl");
      try {
        SpilledChunks.spill(group.getValue(), spilled);
        run(SpilledChunks.reading(spilled), out);
      } finally {
        Files.deleteIfExists(spilled);
      }
    }

    private void run(Iterable<Unanswered> chunks, MultiOutputReceiver out)
        throws IOException, InterruptedException {
      Iterable<BatchJob.Request> requests =
          () ->
              StreamSupport.stream(chunks.spliterator(), false)
                  .map(
                      u ->
                          new BatchJob.Request(
                              u.chunk().id(),
                              u.key(),
                              u.chunk().text(),
                              u.chunk().estimatedPromptTokens()))
                  .iterator();
      BatchJob.Result outcome =
          new BatchJob(settings, api, new BatchRecords(settings.recordsDirectory()), Thread::sleep)
              .run(requests);
      String model = settings.openAi().chat().model();
      ModelPrice price = settings.openAi().price();
      for (Unanswered u : chunks) {
        Extraction answer = outcome.answers().get(u.chunk().id());
        if (answer != null) {
          ChunkResult result =
              ChunkOutcomes.result(
                  u.chunk(), answer.withCacheCorrupt(u.cacheCorrupt()), model, price);
          metrics.count(result.stats());
          tally.done(result.stats());
          out.get(extracted).output(result);
        } else {
          ExtractionFailedException e = outcome.failures().get(u.chunk().id());
          ChunkFailure failure =
              ChunkOutcomes.failure(
                  u.chunk(),
                  new ExtractionFailedException(
                      e.reason(),
                      e.getMessage(),
                      e.billed(),
                      e.requests(),
                      e.rateLimited(),
                      e.latencyMs(),
                      u.cacheCorrupt(),
                      e.lost()),
                  model,
                  price);
          metrics.count(failure.stats());
          tally.done(failure.stats());
          out.get(failed).output(failure);
        }
      }
    }
  }
}
