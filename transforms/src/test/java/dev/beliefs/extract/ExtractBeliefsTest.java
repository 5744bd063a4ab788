package dev.beliefs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Usage;
import dev.beliefs.model.Utterance;
import dev.beliefs.progress.ChunkTally;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ExtractBeliefs on the DirectRunner with a fake extractor: each chunk's grounded beliefs and cost
 * go to the results, each chunk given up on to the failures with its id, reason and attempts.
 */
@ExtendWith(TestPipelineExtension.class)
class ExtractBeliefsTest {

  /** $1 a million prompt tokens, $2 a million completion tokens. */
  private static final ModelPrice PRICE =
      new ModelPrice(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.valueOf(2));

  private static final Chunk NUCLEAR =
      chunk("energy", 0, "Ana", "I am sure nuclear power is the safest source of clean energy.");
  private static final Chunk TRAINS =
      chunk("energy", 1, "Ben", "Night trains will replace most short flights within ten years.");
  private static final Chunk BROKEN =
      chunk("broken", 0, "Cy", "Nobody will ever hear what I had to say about this matter.");

  @Test
  void eachChunksGroundedBeliefsGoToTheResults_andAChunkGivenUpOnToTheFailures(
      TestPipeline pipeline) {
    String progress = UUID.randomUUID().toString();

    ExtractBeliefs.Result result =
        pipeline
            .apply(Create.of(NUCLEAR, TRAINS, BROKEN))
            .apply(
                new ExtractBeliefs(new FakeExtractors(), PRICE, 2)
                    .withProgress(ChunkTally.of(progress)));

    PAssert.that(describe(result.results()))
        .containsInAnyOrder(
            "energy#L1-W0000 energy level=1 beliefs=[Ana: Nuclear power is the safest clean"
                + " energy source.] ungrounded=1 requests=1 cost=0.0014",
            "energy#L1-W0001 energy level=1 beliefs=[Ben: Night trains will replace most short"
                + " flights.] ungrounded=1 requests=1 cost=0.0014");
    PAssert.that(failures(result.failures()))
        .containsInAnyOrder(
            KV.of(
                "broken",
                new Failure(
                    "broken#L1-W0000",
                    Failure.STAGE_EXTRACT,
                    "server_error",
                    "HTTP 500 to each of 3 attempts",
                    3)));
    pipeline.run().waitUntilFinish();

    ChunkTally.Snapshot counted = ChunkTally.of(progress).snapshot();
    assertEquals(new ChunkTally.Snapshot(3, 0, 2, 1, 0, 5, 2700, 3100), counted);
  }

  @Test
  void withMethodsReturnACopy_theOriginalKeepsItsOwnTally(TestPipeline pipeline) {
    String progress = UUID.randomUUID().toString();
    ExtractBeliefs original = new ExtractBeliefs(new FakeExtractors(), PRICE, 1);

    ExtractBeliefs counted = original.withProgress(ChunkTally.of(progress));
    pipeline.apply(Create.of(NUCLEAR)).apply(original);
    pipeline.run().waitUntilFinish();

    assertEquals(ChunkTally.Snapshot.EMPTY, ChunkTally.of(progress).snapshot());
    assertNotSame(original, counted);
  }

  @Test
  void chunksOutsideTheGlobalWindow_areRefusedWhenTheGraphIsBuilt(TestPipeline pipeline) {
    pipeline.enableAbandonedNodeEnforcement(false);
    PCollection<Chunk> windowed =
        pipeline
            .apply(Create.of(NUCLEAR))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));

    assertThrows(
        IllegalArgumentException.class,
        () -> windowed.apply(new ExtractBeliefs(new FakeExtractors(), PRICE, 1)));
  }

  /**
   * A runner without backpressure passes a bundle's outcomes on only when the bundle ends, so its
   * chunks leave the read-ahead backlog then, not as each call ends; one worker asks them in turn.
   */
  @Test
  void aBundlesChunksLeaveTheBacklogWhenTheBundleEnds_notAsEachCallEnds(TestPipeline pipeline) {
    ChunkBacklog backlog = ChunkBacklog.of(3);
    backlog.admitted();
    backlog.cut(3);
    String calls = UUID.randomUUID().toString();

    pipeline
        .apply(Create.of(KV.of(0, NUCLEAR), KV.of(0, TRAINS), KV.of(0, BROKEN)))
        .apply(GroupByKey.create())
        .apply(
            "OneBundle",
            FlatMapElements.into(TypeDescriptor.of(Chunk.class))
                .via((KV<Integer, Iterable<Chunk>> group) -> group.getValue()))
        .apply(
            new ExtractBeliefs(new RoomAtEachCall(backlog, calls), PRICE, 1).withBacklog(backlog));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of(false, false, false), RoomAtEachCall.SEEN.get(calls));
    assertTrue(backlog.hasRoom());
  }

  private static Chunk chunk(String transcript, int window, String speaker, String text) {
    return new Chunk(
        transcript,
        "file:/" + transcript + ".txt",
        1,
        window,
        List.of(new Utterance(window, speaker, null, null, text)),
        100);
  }

  private static PCollection<String> describe(PCollection<ChunkResult> results) {
    return results.apply(
        "Describe", MapElements.into(TypeDescriptors.strings()).via(ExtractBeliefsTest::describe));
  }

  private static String describe(ChunkResult result) {
    CallStats stats = result.stats();
    return result.chunkId()
        + " "
        + result.transcriptId()
        + " level="
        + result.level()
        + " beliefs="
        + result.beliefs().stream().map(b -> b.speaker() + ": " + b.statement()).toList()
        + " ungrounded="
        + stats.ungroundedDropped()
        + " requests="
        + stats.requests()
        + " cost="
        + stats.costUsd().stripTrailingZeros().toPlainString();
  }

  private static PCollection<KV<String, Failure>> failures(PCollection<ChunkFailure> failures) {
    return failures.apply(
        "KeyFailures",
        MapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Failure.class)))
            .via((ChunkFailure f) -> KV.of(f.transcriptId(), f.failure())));
  }

  /** The fake extractor, noting at each call whether the backlog has room. */
  private record RoomAtEachCall(ChunkBacklog backlog, String calls)
      implements BeliefExtractorFactory {
    static final Map<String, List<Boolean>> SEEN = new ConcurrentHashMap<>();

    @Override
    public BeliefExtractor create(Share share) {
      BeliefExtractor fake = new FakeExtractors().create(share);
      return chunk -> {
        SEEN.computeIfAbsent(calls, key -> new CopyOnWriteArrayList<>()).add(backlog.hasRoom());
        return fake.extract(chunk);
      };
    }

    @Override
    public String model() {
      return "fake-model";
    }
  }

  /**
   * Answers each chunk of {@code energy} with a belief quoting its utterance and one quoting words
   * not in it, billed 1000 prompt and 200 completion tokens; gives up on {@code broken} after 3
   * attempts billed 100 prompt tokens each.
   */
  private static final class FakeExtractors implements BeliefExtractorFactory {
    @Override
    public BeliefExtractor create(Share share) {
      return chunk -> {
        if (chunk.transcriptId().equals("broken")) {
          throw new ExtractionFailedException(
              "server_error", "HTTP 500 to each of 3 attempts", new Usage(300, 0, 0), 3, 0, 0);
        }
        Utterance said = chunk.utterances().get(0);
        return new Extraction(
            List.of(
                belief(said, statementOf(said.text()), said.text()),
                belief(said, "Coal is cheap.", "coal is the cheapest fuel there is")),
            new Usage(1000, 0, 200),
            1,
            0,
            5);
      };
    }

    @Override
    public String model() {
      return "fake-model";
    }

    private static ModelBelief belief(Utterance said, String statement, String quote) {
      return new ModelBelief(said.speaker(), statement, "affirms", 0.9, "t", quote, said.index());
    }

    private static String statementOf(String text) {
      return text.startsWith("I am sure nuclear")
          ? "Nuclear power is the safest clean energy source."
          : "Night trains will replace most short flights.";
    }
  }
}
