package dev.beliefs.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Belief;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.Failure;
import dev.beliefs.model.MergedBelief;
import dev.beliefs.model.TranscriptBeliefs;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class MergeBeliefsTest {

  private static final CallStats STATS =
      new CallStats(
          "m",
          1,
          true,
          1,
          0,
          0,
          false,
          Usage.NONE,
          BigDecimal.ZERO,
          5,
          1,
          0,
          0,
          BigDecimal.ZERO,
          false,
          0,
          0,
          BigDecimal.ZERO,
          false,
          null);

  private static Belief belief(
      String speaker,
      String statement,
      String stance,
      double confidence,
      String quote,
      int utterance) {
    return new Belief(
        speaker,
        statement,
        stance,
        confidence,
        "topic",
        new Evidence(quote, utterance, utterance * 10.0, null));
  }

  private static ChunkResult result(String transcript, int level, int window, Belief... beliefs) {
    return new ChunkResult(
        transcript + "#L" + level + "-W" + window, transcript, level, List.of(beliefs), STATS);
  }

  /** Level 1 and level 5 find the same belief, worded alike; another belief is distinct. */
  private static List<ChunkResult> results() {
    return List.of(
        result(
            "ep",
            1,
            3,
            belief(
                "Kay",
                "Teachers are the real innovators.",
                "affirms",
                0.8,
                "the teachers are the real innovators",
                3)),
        result(
            "ep",
            1,
            4,
            belief(
                "Kay",
                "The new camera will improve the images.",
                "affirms",
                0.7,
                "the images are only going to get better",
                4)),
        result(
            "ep",
            5,
            0,
            belief(
                "Kay",
                "Teachers are the real innovators!",
                "affirms",
                0.7,
                "teachers are the real innovators",
                3),
            belief(
                "Kay",
                "The new camera will improve the pictures.",
                "affirms",
                0.6,
                "I think the images are only going to get better",
                4)),
        result("other", 1, 0, belief("Bo", "Go is simple.", "affirms", 0.9, "Go is simple", 0)),
        result("ep", 1, 5));
  }

  @Test
  void sameBeliefAcrossLevels_becomesOneCarryingAllLevelsAndEvidence() {
    List<MergedBelief> merged = merge(results()).get(0).beliefs();

    assertEquals(2, merged.size(), merged.toString());
    MergedBelief teachers = merged.get(0);
    assertEquals(
        BeliefIds.of(
            "Kay",
            "affirms",
            "Teachers are the real innovators.",
            3,
            "the teachers are the real innovators"),
        teachers.beliefId());
    assertEquals("Teachers are the real innovators.", teachers.statement());
    assertEquals(List.of(1, 5), teachers.levels());
    assertEquals(
        List.of(new Evidence("teachers are the real innovators", 3, 30.0, null)),
        teachers.evidence());
    assertEquals(0.75, teachers.confidence());
    MergedBelief camera = merged.get(1);
    assertEquals(List.of(1, 5), camera.levels());
    assertEquals(0.65, camera.confidence());
  }

  @Test
  void beliefIds_andStatements_doNotMoveWhenAHigherLevelIsAdded() {
    List<ChunkResult> withLevel15 = new ArrayList<>(results());
    withLevel15.add(
        result(
            "ep",
            15,
            0,
            belief(
                "Kay",
                "Teachers are the real innovators of this program, pushing it forward.",
                "affirms",
                0.9,
                "they push the program",
                1),
            belief(
                "Kay",
                "Teachers are the real innovators, and they push the program.",
                "affirms",
                0.9,
                "teachers are the real innovators",
                3),
            belief(
                "Kay", "Night photography is hard from orbit.", "affirms", 0.8, "it is hard", 0)));

    List<MergedBelief> before = merge(results()).get(0).beliefs();
    List<MergedBelief> after = merge(withLevel15).get(0).beliefs();

    for (MergedBelief found : before) {
      MergedBelief again =
          after.stream()
              .filter(b -> b.beliefId().equals(found.beliefId()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("lost " + found + " in " + after));
      assertEquals(found.statement(), again.statement());
    }
    assertEquals(
        List.of(1, 5, 15),
        after.stream()
            .filter(b -> b.beliefId().equals(before.get(0).beliefId()))
            .findFirst()
            .orElseThrow()
            .levels());
  }

  @Test
  void beliefIds_doNotMoveOnARerun_orWhenInputsAreReordered() {
    List<String> first = ids(merge(results()));
    List<ChunkResult> reversed = new ArrayList<>(results());
    Collections.reverse(reversed);

    assertEquals(first, ids(merge(results())));
    assertEquals(first, ids(merge(reversed)));
  }

  private static List<String> ids(List<TranscriptBeliefs> merged) {
    return merged.stream()
        .flatMap(t -> t.beliefs().stream())
        .map(MergedBelief::beliefId)
        .sorted()
        .toList();
  }

  @Test
  void statementsDifferingByANegationOrAnAntonym_stayApart_evenOnOneQuote() {
    List<ChunkResult> results =
        List.of(
            result(
                "ep",
                1,
                0,
                belief(
                    "Kay",
                    "The new camera is safe for the crew.",
                    "affirms",
                    0.8,
                    "the camera is safe",
                    1)),
            result(
                "ep",
                5,
                0,
                belief(
                    "Kay",
                    "The new camera is not safe for the crew.",
                    "affirms",
                    0.8,
                    "the camera is safe",
                    1),
                belief(
                    "Kay",
                    "The new camera makes images better.",
                    "affirms",
                    0.8,
                    "images get better",
                    2)),
            result(
                "ep",
                15,
                0,
                belief(
                    "Kay",
                    "The new camera makes images worse.",
                    "affirms",
                    0.8,
                    "images get better",
                    2)));

    assertEquals(4, merge(results).get(0).beliefs().size());
  }

  @Test
  void aChainOfSmallSteps_doesNotJoinBeliefsThatAreFarApart() {
    List<ChunkResult> results =
        List.of(
            result(
                "ep",
                1,
                1,
                belief(
                    "Kay",
                    "Students love taking pictures of Earth from space.",
                    "affirms",
                    0.8,
                    "students love it",
                    1)),
            result(
                "ep",
                1,
                2,
                belief(
                    "Kay",
                    "Students love taking photos of clouds from space.",
                    "affirms",
                    0.8,
                    "they love clouds",
                    2)),
            result(
                "ep",
                1,
                3,
                belief(
                    "Kay",
                    "Teachers enjoy taking photos of clouds from space.",
                    "affirms",
                    0.8,
                    "teachers enjoy clouds",
                    3)));

    List<MergedBelief> merged = merge(results).get(0).beliefs();

    assertEquals(
        List.of(
            "Students love taking pictures of Earth from space.",
            "Teachers enjoy taking photos of clouds from space."),
        merged.stream().map(MergedBelief::statement).toList());
    assertEquals(
        List.of(1, 2), merged.get(0).evidence().stream().map(Evidence::utteranceIndex).toList());
  }

  @Test
  void outputDoesNotDependOnInputOrder() {
    List<TranscriptBeliefs> expected = merge(results());
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      List<ChunkResult> shuffled = new ArrayList<>(results());
      Collections.shuffle(shuffled, random);
      assertEquals(expected, merge(shuffled), "trial " + trial);
    }
  }

  @Test
  void aResultDeliveredTwice_countsOnce() {
    List<ChunkResult> twice = new ArrayList<>(results());
    twice.add(results().get(0));

    assertEquals(merge(results()), merge(twice));
  }

  @Test
  void differentStancesOnOneStatement_stayApart() {
    List<ChunkResult> results =
        List.of(
            result(
                "ep",
                1,
                0,
                belief("Kay", "Remote school works.", "affirms", 0.8, "remote school works", 1)),
            result(
                "ep",
                1,
                1,
                belief(
                    "Kay",
                    "Remote school works.",
                    "denies",
                    0.8,
                    "remote school does not work",
                    2)));

    List<MergedBelief> merged = merge(results).get(0).beliefs();

    assertEquals(List.of("affirms", "denies"), merged.stream().map(MergedBelief::stance).toList());
    assertNotEquals(merged.get(0).beliefId(), merged.get(1).beliefId());
  }

  @Test
  void inAPipeline_oneOutputPerTranscriptWithAnAnswer(TestPipeline pipeline) {
    List<ChunkResult> results = results();
    ChunkFailure failedInEp = failure("ep", "ep#L15-W0");
    ChunkFailure failedAlone = failure("lost", "lost#L1-W0");
    MergeBeliefs.Inputs inputs =
        new MergeBeliefs.Inputs(
            pipeline.apply("Results", Create.of(results)),
            pipeline.apply("Failures", Create.of(failedInEp, failedAlone)),
            pipeline.apply(
                "Planned",
                Create.of(
                        KV.of("ep", 5L), KV.of("other", 1L), KV.of("lost", 1L), KV.of("empty", 0L))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))));

    PCollection<TranscriptBeliefs> merged = Pipeline.applyTransform(inputs, new MergeBeliefs());

    PAssert.that(merged).containsInAnyOrder(merge(results));
    pipeline.run().waitUntilFinish();
  }

  /**
   * Each output carries the time of the event that completed its transcript: "ep" is merged as its
   * last chunk settles, while later input is still to come; "late" lacks a chunk, so it is merged
   * only when the input ends; an answer delivered again after "ep" was merged changes nothing.
   */
  @Test
  void aTranscriptIsMergedWhenItsLastChunkSettles_notWhenTheInputEnds(TestPipeline pipeline) {
    List<ChunkResult> ep = results().stream().filter(r -> r.transcriptId().equals("ep")).toList();
    ChunkResult late = result("late", 1, 0, belief("Bo", "Go is simple.", "affirms", 0.9, "Go", 0));
    Coder<KV<String, MergeBeliefs.Event>> coder =
        KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(MergeBeliefs.Event.class));
    TestStream.Builder<KV<String, MergeBeliefs.Event>> events =
        TestStream.create(coder)
            .addElements(
                TimestampedValue.of(KV.of("ep", MergeBeliefs.Event.plan(5)), at(1)),
                TimestampedValue.of(KV.of("late", MergeBeliefs.Event.plan(2)), at(1)));
    for (int i = 0; i < ep.size(); i++) {
      events = events.addElements(TimestampedValue.of(answered(ep.get(i)), at(10 + i)));
    }
    events =
        events
            .addElements(TimestampedValue.of(KV.of("ep", MergeBeliefs.Event.failure()), at(20)))
            .advanceWatermarkTo(at(30))
            .addElements(
                TimestampedValue.of(answered(late), at(40)),
                TimestampedValue.of(answered(ep.get(0)), at(41)));

    PCollection<String> mergedAt =
        pipeline
            .apply(events.advanceWatermarkToInfinity())
            .apply(ParDo.of(new MergeBeliefs.MergeWhenCompleteFn()))
            .apply(ParDo.of(new IdAndTime()));

    PAssert.that(mergedAt)
        .containsInAnyOrder(
            "ep@" + at(20).getMillis(), "late@" + GlobalWindow.INSTANCE.maxTimestamp().getMillis());
    pipeline.run().waitUntilFinish();
  }

  private static Instant at(long seconds) {
    return new Instant(seconds * 1000);
  }

  private static KV<String, MergeBeliefs.Event> answered(ChunkResult result) {
    return KV.of(result.transcriptId(), MergeBeliefs.Event.answer(result));
  }

  private static ChunkFailure failure(String transcript, String chunkId) {
    return new ChunkFailure(
        transcript, new Failure(chunkId, Failure.STAGE_EXTRACT, "refused", "no", 1), STATS);
  }

  private static class IdAndTime extends DoFn<TranscriptBeliefs, String> {
    @ProcessElement
    public void process(
        @Element TranscriptBeliefs beliefs, @Timestamp Instant time, OutputReceiver<String> out) {
      out.output(beliefs.transcriptId() + "@" + time.getMillis());
    }
  }

  /** Merges each transcript's results, in input order. */
  private static List<TranscriptBeliefs> merge(List<ChunkResult> results) {
    java.util.Map<String, TranscriptMentions> byTranscript = new java.util.TreeMap<>();
    for (ChunkResult result : results) {
      byTranscript
          .computeIfAbsent(result.transcriptId(), k -> new TranscriptMentions())
          .add(result);
    }
    return byTranscript.values().stream().map(TranscriptMentions::merged).toList();
  }
}
