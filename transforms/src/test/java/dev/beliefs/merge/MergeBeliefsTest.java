package dev.beliefs.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.beliefs.model.Belief;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import dev.beliefs.model.TranscriptBeliefs;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
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
  void outputDoesNotDependOnInputOrderOrAccumulatorSplits() {
    List<TranscriptBeliefs> expected = merge(results());
    Random random = new Random(7);
    MergeBeliefs.MergeBeliefsCombineFn fn = new MergeBeliefs.MergeBeliefsCombineFn();
    for (int trial = 0; trial < 50; trial++) {
      List<ChunkResult> shuffled =
          new ArrayList<>(results().stream().filter(r -> r.transcriptId().equals("ep")).toList());
      Collections.shuffle(shuffled, random);
      List<MergeBeliefs.Mentions> accumulators = new ArrayList<>();
      for (ChunkResult result : shuffled) {
        if (accumulators.isEmpty() || random.nextBoolean()) {
          accumulators.add(fn.createAccumulator());
        }
        fn.addInput(accumulators.get(random.nextInt(accumulators.size())), result);
      }
      Collections.shuffle(accumulators, random);
      MergeBeliefs.Mentions merged = accumulators.get(0);
      if (accumulators.size() > 1) {
        MergeBeliefs.Mentions left =
            fn.mergeAccumulators(accumulators.subList(0, accumulators.size() / 2 + 1));
        merged =
            fn.mergeAccumulators(
                List.of(
                    left,
                    fn.mergeAccumulators(
                        accumulators.subList(accumulators.size() / 2 + 1, accumulators.size()))));
      }
      assertEquals(expected.get(0), fn.extractOutput(merged), "trial " + trial);
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
  void inAPipeline_oneOutputPerTranscript(TestPipeline pipeline) {
    PCollection<TranscriptBeliefs> merged =
        pipeline.apply(Create.of(results())).apply(new MergeBeliefs());

    List<TranscriptBeliefs> expected = merge(results());
    PAssert.that(merged).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  /** Merges with one accumulator per transcript, in input order. */
  private static List<TranscriptBeliefs> merge(List<ChunkResult> results) {
    MergeBeliefs.MergeBeliefsCombineFn fn = new MergeBeliefs.MergeBeliefsCombineFn();
    java.util.Map<String, MergeBeliefs.Mentions> byTranscript = new java.util.TreeMap<>();
    for (ChunkResult result : results) {
      fn.addInput(
          byTranscript.computeIfAbsent(result.transcriptId(), k -> fn.createAccumulator()), result);
    }
    return byTranscript.values().stream().map(fn::extractOutput).toList();
  }
}
