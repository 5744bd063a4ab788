package dev.beliefs.pipeline.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.RateLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateReportTest {

  @Test
  void numbersAreGroupedAndAmountsInDollars_andItSaysWhatItAssumedCached() {
    CostEstimate estimate = estimateOf(1_000);

    String text = String.join("\n", report(false).lines(estimate, 4, new RateLimits(500, 200_000)));

    assertTrue(text.contains("2,000,000"), text);
    assertTrue(
        text.matches("(?s).*total\\s+1,000\\s+2,000,000\\s+1,534,464\\s+548,000\\s+\\$2\\.3288.*"),
        text);
    assertTrue(text.contains("1,534,464 of 2,000,000 prompt tokens (77%) assumed cached"), text);
    assertTrue(text.contains("limits: 500 rpm, 200,000 tpm"), text);
    assertTrue(!text.contains("Offline"), text);
  }

  @Test
  void withoutAKeyOrBaseUrl_itSaysTheRunWouldBeOfflineForNothing() {
    String text = String.join("\n", report(true).lines(estimateOf(3), 4, RateLimits.NONE));

    assertTrue(text.contains("extract would run the offline extractor and cost $0"), text);
  }

  @Test
  void whenTheResponseCacheAnswersEveryChunk_itSaysARerunCostsNothing() {
    CostEstimate estimate =
        new CostEstimate(
            CostEstimateTest.PRICE, AnswerSizes.defaults(), new PromptCaching(1_600), 500);
    estimate.addTranscript();
    for (int i = 0; i < 5; i++) {
      estimate.addCacheHit();
    }

    List<String> lines = report(false).lines(estimate, 4, RateLimits.NONE);

    String text = String.join("\n", lines);
    assertTrue(text.matches("(?s).*total\\s+0\\s+0\\s+0\\s+0\\s+\\$0\\.0000.*"), text);
    assertTrue(text.contains("Nothing to ask: every chunk's request is already answered"), text);
    assertTrue(text.contains("a rerun over unchanged inputs"), text);
  }

  private static EstimateReport report(boolean offline) {
    return new EstimateReport("gpt-4o-mini", offline, false, "out/cache");
  }

  private static CostEstimate estimateOf(int requests) {
    CostEstimate estimate =
        new CostEstimate(
            CostEstimateTest.PRICE, AnswerSizes.defaults(), new PromptCaching(1_600), 500);
    estimate.addTranscript();
    for (int i = 0; i < requests; i++) {
      estimate.addRequest(CostEstimateTest.chunk(1, 100, 2_000));
    }
    return estimate;
  }
}
