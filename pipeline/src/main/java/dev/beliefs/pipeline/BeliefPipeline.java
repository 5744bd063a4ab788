package dev.beliefs.pipeline;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.chunk.ExplodeChunks;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.batch.ExtractBeliefsInBatches;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.incremental.SkipProcessed;
import dev.beliefs.incremental.WriteManifests;
import dev.beliefs.io.WriteBeliefs;
import dev.beliefs.io.WriteFailures;
import dev.beliefs.merge.MergeBeliefs;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.Failure;
import dev.beliefs.model.TranscriptBeliefs;
import dev.beliefs.parse.MatchTranscripts;
import dev.beliefs.parse.ParseTranscripts;
import dev.beliefs.progress.ChunkTally;
import dev.beliefs.summary.SummarizeRun;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The job's graph, as DESIGN.md draws it. */
public final class BeliefPipeline {

  private BeliefPipeline() {}

  public static Pipeline buildPipeline(Pipeline pipeline, JobSettings settings) {
    ChunkBacklog readAhead = settings.workers().readAhead();
    MatchTranscripts.Result matched =
        pipeline.apply(
            "MatchTranscripts",
            new MatchTranscripts(InputPatterns.of(settings.input()), settings.inputRoot()));

    ParseTranscripts.Result parsed =
        matched
            .files()
            .apply(
                "ParseTranscript",
                new ParseTranscripts(
                        settings.inputRoot(), settings.parser(), settings.maxTranscriptBytes())
                    .withBacklog(readAhead));

    SkipProcessed.Result todo =
        parsed
            .transcripts()
            .apply(
                "SkipProcessed",
                new SkipProcessed(
                        settings.output(),
                        settings.extraction().fingerprint(),
                        settings.incremental())
                    .withBacklog(readAhead));

    ExplodeChunks.Result chunks =
        todo.transcripts()
            .apply(
                "ExplodeChunks",
                new ExplodeChunks(settings.chunkPlan(), ExtractionPrompt.sizer())
                    .withBacklog(readAhead));

    ExtractBeliefs.Result extracted =
        chunks
            .chunks()
            .apply(
                "ExtractBeliefs",
                extraction(settings, progressTally(pipeline.getOptions().getJobName())));

    PCollection<TranscriptBeliefs> merged =
        Pipeline.applyTransform(
            "MergeBeliefs",
            new MergeBeliefs.Inputs(extracted.results(), extracted.failures(), chunks.planned()),
            new MergeBeliefs());

    PCollection<KV<String, Integer>> written =
        merged.apply("WriteBeliefs", new WriteBeliefs(settings.output()));
    Pipeline.applyTransform(
        "WriteManifests",
        new WriteManifests.Inputs(todo.transcripts(), written, extracted.failures()),
        new WriteManifests(settings.output(), settings.extraction()));

    // Files left out for sharing an id with another are unreadable, like those that fail to parse.
    PCollection<Failure> unreadable =
        PCollectionList.of(matched.failures())
            .and(parsed.failures())
            .apply("UnreadableFiles", Flatten.pCollections());
    PCollectionList.of(unreadable)
        .and(
            extracted
                .failures()
                .apply(
                    "ChunkFailureRecords",
                    MapElements.into(TypeDescriptor.of(Failure.class)).via(ChunkFailure::failure)))
        .apply("AllFailures", Flatten.pCollections())
        .apply("WriteFailures", new WriteFailures(settings.output()));

    Pipeline.applyTransform(
        "SummarizeRun",
        new SummarizeRun.Inputs(
            parsed.transcripts(),
            unreadable,
            todo.skipped(),
            chunks.skipped(),
            extracted.results(),
            extracted.failures(),
            merged),
        new SummarizeRun(settings.runInfo(), settings.output()));
    return pipeline;
  }

  /** Where a running job's progress is counted: {@link ChunkTally#of} the job's name. */
  public static ChunkTally progressTally(String jobName) {
    return ChunkTally.of(jobName);
  }

  /** Online requests, or with {@code --batch} the Batch API: the same results either way. */
  private static PTransform<PCollection<Chunk>, ExtractBeliefs.Result> extraction(
      JobSettings settings, ChunkTally tally) {
    if (settings.batch() != null) {
      return new ExtractBeliefsInBatches(settings.batch()).withProgress(tally);
    }
    WorkerPlan workers = settings.workers();
    return new ExtractBeliefs(settings.extractors(), settings.price(), workers.requestsInFlight())
        .withBacklog(workers.readAhead())
        .withProgress(tally)
        .sharedBy(workers.sharing());
  }
}
