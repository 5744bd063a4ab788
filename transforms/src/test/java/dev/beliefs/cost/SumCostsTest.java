package dev.beliefs.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.model.CallStats;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class SumCostsTest {

  private static final List<CallStats> STATS =
      List.of(
          new CallStats(
              "gpt-4o-mini",
              1,
              true,
              1,
              0,
              0,
              false,
              new Usage(1000, 0, 100),
              new BigDecimal("0.00021"),
              100,
              2,
              1,
              2,
              BigDecimal.ZERO,
              false,
              0,
              0,
              BigDecimal.ZERO,
              false,
              null),
          new CallStats(
              "gpt-4o-mini",
              1,
              true,
              3,
              2,
              1,
              false,
              new Usage(3000, 1024, 300),
              new BigDecimal("0.0006"),
              900,
              1,
              0,
              0,
              BigDecimal.ZERO,
              false,
              15_000,
              0,
              BigDecimal.ZERO,
              false,
              null),
          new CallStats(
              "gpt-4o-mini",
              5,
              false,
              6,
              5,
              0,
              false,
              new Usage(600, 0, 0),
              new BigDecimal("0.00009"),
              3000,
              0,
              0,
              0,
              BigDecimal.ZERO,
              false,
              75_000,
              0,
              BigDecimal.ZERO,
              false,
              null));

  @Test
  void totalsAddUpPerLevelAndOverall(TestPipeline pipeline) {
    PCollection<CostSummary> summary =
        pipeline.apply(Create.of(STATS)).apply(Combine.globally(new SumCosts()));

    PAssert.thatSingleton(summary)
        .satisfies(
            s -> {
              Totals total = s.total();
              assertEquals(3, total.chunks());
              assertEquals(1, total.chunksFailed());
              assertEquals(10, total.requests());
              assertEquals(7, total.retries());
              assertEquals(1, total.rateLimited());
              assertEquals(4600, total.promptTokens());
              assertEquals(1024, total.cachedPromptTokens());
              assertEquals(400, total.completionTokens());
              assertEquals(new BigDecimal("0.00090"), total.costUsd());
              assertEquals(3, total.beliefs());
              assertEquals(1, total.ungroundedDropped());
              assertEquals(2, total.injectionDropped());
              assertEquals(2, s.perLevel().get(1).chunks());
              assertEquals(new BigDecimal("0.00081"), s.perLevel().get(1).costUsd());
              assertEquals(1, s.perLevel().get(5).chunksFailed());
              assertEquals(total, s.perModel().get("gpt-4o-mini"));
              assertEquals(3, s.latency().count());
              assertEquals(3000, s.latency().maxMs(), 30, "1% precision");
              assertEquals(
                  3, s.latency().histogram().stream().mapToLong(Latency.Bucket::count).sum());
              assertEquals(new Latency.Bucket(99, 0), s.latency().histogram().get(0));
              assertEquals(new Latency.Bucket(199, 1), s.latency().histogram().get(1));
              // answers at 0 s and 15 s share a minute (4 requests, 4,400 tokens); the one at 75 s
              // is alone in its minute with 6 requests
              assertEquals(6, s.peakRequestsPerMinute());
              assertEquals(4_400, s.peakTokensPerMinute());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void lostRequests_deduplicatedChunks_andFailureReasons_areCounted() throws Exception {
    SumCosts fn = new SumCosts();
    SumCosts.Accumulator accumulator = fn.createAccumulator();
    fn.addInput(accumulator, stats(true, 2, "0.000615", false, null));
    fn.addInput(accumulator, stats(true, 0, "0", true, null));
    fn.addInput(accumulator, stats(false, 1, "0.000615", false, "insufficient_quota"));
    fn.addInput(accumulator, stats(false, 0, "0", false, "insufficient_quota"));
    fn.addInput(accumulator, stats(false, 0, "0", false, "http_500"));

    SumCosts.Accumulator decoded =
        org.apache.beam.sdk.util.CoderUtils.clone(fn.getAccumulatorCoder(null, null), accumulator);
    CostSummary summary = fn.extractOutput(decoded);

    assertEquals(3, summary.total().lostRequests());
    assertEquals(new BigDecimal("0.001230"), summary.total().lostCostBoundUsd());
    assertEquals(1, summary.total().deduplicated());
    assertEquals(
        new java.util.TreeMap<>(java.util.Map.of("insufficient_quota", 2L, "http_500", 1L)),
        summary.failureReasons());
  }

  private static CallStats stats(
      boolean succeeded, int lost, String lostBound, boolean deduplicated, String reason) {
    return new CallStats(
        "gpt-4o-mini",
        1,
        succeeded,
        lost,
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
        lost,
        new BigDecimal(lostBound),
        deduplicated,
        reason);
  }

  @Test
  void emptyInput_givesZeros(TestPipeline pipeline) {
    PCollection<CostSummary> summary =
        pipeline
            .apply(Create.empty(dev.beliefs.json.JsonCoder.of(CallStats.class)))
            .apply(Combine.globally(new SumCosts()));

    PAssert.thatSingleton(summary)
        .satisfies(
            s -> {
              assertEquals(Totals.ZERO, s.total());
              assertEquals(0, s.latency().count());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void accumulatorSurvivesItsCoder() throws Exception {
    SumCosts fn = new SumCosts();
    SumCosts.Accumulator accumulator = fn.createAccumulator();
    STATS.forEach(stats -> fn.addInput(accumulator, stats));

    SumCosts.Accumulator decoded =
        org.apache.beam.sdk.util.CoderUtils.clone(fn.getAccumulatorCoder(null, null), accumulator);

    assertEquals(fn.extractOutput(accumulator), fn.extractOutput(decoded));
  }
}
