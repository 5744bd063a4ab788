package dev.beliefs.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.io.RunSummary;
import dev.beliefs.json.Json;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.Failure;
import dev.beliefs.model.MergedBelief;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.TranscriptBeliefs;
import dev.beliefs.model.Usage;
import dev.beliefs.model.Utterance;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SummarizeRun on the DirectRunner: what run-summary.json counts, from each step's outputs. */
@ExtendWith(TestPipelineExtension.class)
class SummarizeRunTest {

  private static final RunSummary.RunInfo INFO =
      new RunSummary.RunInfo(4, "DirectRunner", "gpt-4o-mini", false, "v1", null);

  @TempDir Path out;

  @Test
  void theSummaryCountsEveryStepsOutput_andTheChunksOverBudgetAreTheirFailureReasonsCount(
      TestPipeline pipeline) throws IOException {
    PCollection<Transcript> transcripts =
        pipeline.apply("Transcripts", Create.of(transcript("a"), transcript("b"), transcript("c")));
    PCollection<Failure> unreadable =
        pipeline.apply(
            "Unreadable",
            Create.of(new Failure("d.txt", Failure.STAGE_PARSE, "empty", "no text", 0)));
    PCollection<String> unchanged =
        pipeline.apply("Unchanged", Create.of("c").withCoder(StringUtf8Coder.of()));
    PCollection<String> windowsSkipped =
        pipeline.apply(
            "WindowsSkipped",
            Create.of("a#L1-W0001", "a#L1-W0002").withCoder(StringUtf8Coder.of()));
    PCollection<ChunkResult> results =
        pipeline.apply(
            "Results", Create.of(new ChunkResult("a#L1-W0000", "a", 1, List.of(), stats(null))));
    PCollection<ChunkFailure> failures =
        pipeline.apply(
            "Failures",
            Create.of(
                failure("b#L1-W0000", ExtractBeliefs.OVER_BUDGET),
                failure("b#L1-W0001", ExtractBeliefs.OVER_BUDGET),
                failure("b#L1-W0002", "refused")));
    PCollection<TranscriptBeliefs> merged =
        pipeline.apply(
            "Merged",
            Create.of(
                new TranscriptBeliefs("a", List.of(belief("a", "1"), belief("a", "2"))),
                new TranscriptBeliefs("b", List.of())));

    Pipeline.applyTransform(
        "Summarize",
        new SummarizeRun.Inputs(
            transcripts, unreadable, unchanged, windowsSkipped, results, failures, merged),
        new SummarizeRun(INFO, out.toString()));
    pipeline.run().waitUntilFinish();

    JsonNode summary = Json.MAPPER.readTree(out.resolve(RunSummary.FILE).toFile());
    assertEquals(3, summary.path("transcripts").asLong());
    assertEquals(1, summary.path("transcripts_failed").asLong());
    assertEquals(1, summary.path("transcripts_skipped").asLong());
    assertEquals(4, summary.path("chunks").asLong());
    assertEquals(3, summary.path("chunks_failed").asLong());
    assertEquals(2, summary.path("chunks_skipped").asLong());
    assertEquals(2, summary.path("beliefs").asLong());
    assertEquals(2, summary.path("chunks_over_budget").asLong());
    assertEquals(2, summary.path("failure_reasons").path(ExtractBeliefs.OVER_BUDGET).asLong());
    assertEquals(1, summary.path("failure_reasons").path("refused").asLong());
    assertEquals(4, summary.path("workers").asInt());
  }

  private static Transcript transcript(String id) {
    return new Transcript(
        id,
        "in/" + id + ".txt",
        "sha-" + id,
        "text",
        List.of(new Utterance(0, "A", null, null, "x")));
  }

  private static ChunkFailure failure(String chunkId, String reason) {
    return new ChunkFailure(
        chunkId.substring(0, 1),
        new Failure(chunkId, Failure.STAGE_EXTRACT, reason, "what happened", 1),
        stats(reason));
  }

  private static CallStats stats(String failureReason) {
    return new CallStats(
        "gpt-4o-mini",
        1,
        failureReason == null,
        failureReason == null ? 1 : 0,
        0,
        0,
        false,
        Usage.NONE,
        BigDecimal.ZERO,
        10,
        0,
        0,
        0,
        BigDecimal.ZERO,
        false,
        0,
        0,
        BigDecimal.ZERO,
        false,
        failureReason);
  }

  private static MergedBelief belief(String transcriptId, String id) {
    return new MergedBelief(
        transcriptId,
        id,
        "A",
        "A thinks " + id,
        "for",
        0.9,
        "t",
        List.of(1),
        List.of(new Evidence("x", 0, null, null)));
  }
}
