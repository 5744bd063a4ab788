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

/** The Batch API's prices in the pricing table. */
class BatchPriceTest {

  @Test
  void everyBundledModel_costsExactlyHalfThroughTheBatchApi() {
    PricingTable table = PricingTable.bundled();
    Usage usage = new Usage(35_000, 0, 6_600);
    for (String model : table.models().split(", ")) {
      BigDecimal online = table.priceOf(model).orElseThrow().cost(usage);
      BigDecimal batch = table.batchPriceOf(model).orElseThrow().cost(usage);

      assertEquals(0, online.compareTo(batch.multiply(BigDecimal.valueOf(2))), model);
    }
    assertEquals(table.models(), table.batchModels());
  }

  @Test
  void aModelWithoutBatchPrices_hasNone_andCachedBatchInputDefaultsToBatchInput()
      throws IOException {
    PricingTable table =
        PricingTable.read(
            stream(
                "{\"models\": {\"plain\": {\"input\": 1, \"output\": 2}, \"batched\": {\"input\": 1,"
                    + " \"output\": 2, \"batch_input\": 0.5, \"batch_output\": 1}}}"),
            "f");

    assertTrue(table.priceOf("plain").isPresent());
    assertTrue(table.batchPriceOf("plain").isEmpty());
    assertEquals("batched", table.batchModels());
    // 3 prompt tokens (2 cached, at the batch input price too) x $0.5/M + 1 x $1/M
    assertEquals(
        new BigDecimal("0.0000025"),
        table.batchPriceOf("batched").orElseThrow().cost(new Usage(3, 2, 1)));
  }

  @Test
  void halfABatchPrice_isRejected() {
    IOException missing =
        assertThrows(
            IOException.class,
            () ->
                PricingTable.read(
                    stream(
                        "{\"models\": {\"m\": {\"input\": 1, \"output\": 2, \"batch_input\":"
                            + " 0.5}}}"),
                    "f"));

    assertTrue(missing.getMessage().contains("models.m.batch_output"), missing.getMessage());
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
