package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.offline.OfflineExtractor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorChoiceTest {

  @TempDir Path output;

  @Test
  void withNeitherAKeyNorABaseUrl_theRunIsOffline_andFree() {
    assertTrue(ExtractorChoice.offline(options(), () -> null));
    assertFalse(ExtractorChoice.offline(options(), () -> "sk-test"));
    assertFalse(ExtractorChoice.offline(options("--baseUrl=http://127.0.0.1:9/v1"), () -> null));

    ExtractorChoice offline = ExtractorChoice.offline();
    assertEquals(OfflineExtractor.MODEL, offline.model());
    assertEquals(ModelPrice.FREE, offline.price());
    assertNull(offline.batch());
  }

  @Test
  void theBaseUrlIsOpenAisUnlessGiven() {
    assertEquals("https://api.openai.com/v1", ExtractorChoice.baseUrl(options()));
    assertEquals(
        "http://127.0.0.1:9/v1",
        ExtractorChoice.baseUrl(options("--baseUrl=http://127.0.0.1:9/v1")));
  }

  @Test
  void online_theModelIsAskedAtItsPrice_andWithBatchThroughTheBatchApiAtItsBatchPrice()
      throws ConfigurationException {
    ExtractorChoice online =
        ExtractorChoice.openAi(options(), "gpt-4o-mini", RateLimits.NONE, () -> "sk-test");
    ExtractorChoice batch =
        ExtractorChoice.openAi(
            options("--batch=true"), "gpt-4o-mini", RateLimits.NONE, () -> "sk-test");

    assertEquals("gpt-4o-mini", online.extractors().model());
    assertEquals(PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow(), online.price());
    assertNull(online.batch());
    assertNotNull(batch.batch());
    assertEquals(PricingTable.bundled().batchPriceOf("gpt-4o-mini").orElseThrow(), batch.price());
  }

  private BeliefOptions options(String... args) {
    BeliefOptions options = TestOptions.parse(args);
    options.setOutput(output.toString());
    return options;
  }
}
