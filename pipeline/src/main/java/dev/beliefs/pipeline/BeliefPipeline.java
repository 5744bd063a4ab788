package dev.beliefs.pipeline;

import dev.beliefs.beam.PaceReading;
import dev.beliefs.beam.ReleaseBacklog;
import dev.beliefs.chunk.ExplodeChunks;
import dev.beliefs.cost.CostSummary;
import dev.beliefs.cost.SumCosts;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.batch.ExtractBeliefsInBatches;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.incremental.SkipProcessed;
import dev.beliefs.incremental.WriteManifests;
import dev.beliefs.io.WriteBeliefs;
import dev.beliefs.io.WriteFailures;
import dev.beliefs.io.WriteRunSummary;
import dev.beliefs.merge.MergeBeliefs;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.TranscriptBeliefs;
import dev.beliefs.parse.MatchTranscripts;
import dev.beliefs.parse.ParseTranscripts;
import dev.beliefs.progress.ChunkTally;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/** The job's graph, as DESIGN.md draws it. */
public final class BeliefPipeline {

  private BeliefPipeline() {}

  public static Pipeline buildPipeline(Pipeline pipeline, JobSettings settings) {
    MatchTranscripts.Result matched =
        pipeline.apply(
            "MatchTranscripts",
            new MatchTranscripts(InputPatterns.of(settings.input()), settings.inputRoot()));
    PCollection<FileIO.ReadableFile> files =
        matched.files().apply("PaceReading", new PaceReading<>(settings.backlog()));

    ParseTranscripts.Result parsed =
        files.apply(
            "ParseTranscript",
            new ParseTranscripts(
                settings.inputRoot(), settings.parser(), settings.maxTranscriptBytes()));

    SkipProcessed.Result todo =
        parsed
            .transcripts()
            .apply(
                "SkipProcessed",
                new SkipProcessed(
                    settings.output(),
                    settings.extraction().fingerprint(),
                    settings.incremental()));

    // Transcripts let through PaceReading that will never be cut give their room back.
    parsed.failures().apply("ReleaseUnreadable", new ReleaseBacklog<>(settings.backlog()));
    todo.skipped().apply("ReleaseUnchanged", new ReleaseBacklog<>(settings.backlog()));

    ExplodeChunks.Result chunks =
        todo.transcripts()
            .apply(
                "ExplodeChunks",
                new ExplodeChunks(settings.chunkPlan(), ExtractionPrompt.sizer())
                    .withBacklog(settings.backlog()));

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

    PCollection<CostSummary> costs =
        PCollectionList.of(
                extracted
                    .results()
                    .apply(
                        "ResultStats",
                        MapElements.into(TypeDescriptor.of(CallStats.class))
                            .via(ChunkResult::stats)))
            .and(
                extracted
                    .failures()
                    .apply(
                        "FailureStats",
                        MapElements.into(TypeDescriptor.of(CallStats.class))
                            .via(ChunkFailure::stats)))
            .apply("AllStats", Flatten.pCollections())
            .apply("SumCosts", Combine.globally(new SumCosts()));

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

    WriteRunSummary.apply(
        costs,
        new WriteRunSummary.Counts(
            parsed
                .transcripts()
                .apply("CountTranscripts", Count.globally())
                .apply("TranscriptsView", View.asSingleton()),
            unreadable
                .apply("CountParseFailures", Count.globally())
                .apply("ParseFailuresView", View.asSingleton()),
            todo.skipped()
                .apply("CountUnchanged", Count.globally())
                .apply("UnchangedView", View.asSingleton()),
            chunks
                .skipped()
                .apply("CountSkipped", Count.globally())
                .apply("SkippedView", View.asSingleton()),
            merged
                .apply(
                    "BeliefsPerTranscript",
                    MapElements.into(TypeDescriptors.longs()).via(t -> (long) t.beliefs().size()))
                .apply("CountBeliefs", Combine.globally(Sum.ofLongs()))
                .apply("BeliefsView", View.asSingleton()),
            extracted
                .failures()
                .apply(
                    "OverBudget",
                    Filter.by(
                        failure -> ExtractBeliefs.OVER_BUDGET.equals(failure.failure().reason())))
                .apply("CountOverBudget", Count.globally())
                .apply("OverBudgetView", View.asSingleton())),
        settings.runInfo(),
        settings.output());
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
    return new ExtractBeliefs(settings.extractors(), settings.price(), settings.runInfo().workers())
        .withBacklog(settings.backlog())
        .withProgress(tally)
        .sharedBy(settings.sharing());
  }
}
