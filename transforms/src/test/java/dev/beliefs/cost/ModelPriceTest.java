package dev.beliefs.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Usage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelPriceTest {

  @Test
  void gpt4oMini_uncachedCachedAndOutputTokensAtTheirOwnPrices() {
    ModelPrice mini = PricingTable.bundled().priceOf("gpt-4o-mini").orElseThrow();

    // 3,000 prompt tokens of which 1,024 cached, 500 completion:
    // 1,976 x $0.15/M + 1,024 x $0.075/M + 500 x $0.60/M = $0.0002964 + $0.0000768 + $0.0003
    BigDecimal cost = mini.cost(new Usage(3000, 1024, 500));

    assertEquals(new BigDecimal("0.0006732"), cost);
  }

  @Test
  void gpt4o_prototypeWorkload() {
    ModelPrice gpt4o = PricingTable.bundled().priceOf("gpt-4o").orElseThrow();

    // 35,000 x $2.50/M + 6,600 x $10/M = $0.0875 + $0.066
    assertEquals(new BigDecimal("0.1535"), gpt4o.cost(new Usage(35_000, 0, 6_600)));
  }

  @Test
  void bundledTablePricesTheRequiredModels() {
    PricingTable table = PricingTable.bundled();
    for (String model :
        new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"}) {
      assertTrue(table.priceOf(model).isPresent(), model);
    }
    assertTrue(table.priceOf("gpt-unknown").isEmpty());
  }

  @Test
  void userTable_cachedPriceDefaultsToInput_andBadShapesAreRejected() throws IOException {
    PricingTable table =
        PricingTable.read(stream("{\"models\": {\"local\": {\"input\": 1, \"output\": 2}}}"), "f");

    assertEquals(
        new BigDecimal("0.000005"), table.priceOf("local").orElseThrow().cost(new Usage(3, 2, 1)));
    assertThrows(
        IOException.class,
        () ->
            PricingTable.read(
                stream("{\"models\": {\"m\": {\"input\": -1, \"output\": 2}}}"), "f"));
    assertThrows(IOException.class, () -> PricingTable.read(stream("{}"), "f"));
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
