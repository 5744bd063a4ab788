package dev.beliefs.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices per model, from the bundled {@code pricing.json} or a user's file of the same shape:
 * {@code {"models": {"gpt-4o-mini": {"input": 0.15, "cached_input": 0.075, "output": 0.60,
 * "batch_input": 0.075, "batch_output": 0.30}}}}. {@code cached_input} defaults to {@code input}.
 * The Batch API's prices are optional, but come as a pair; {@code batch_cached_input} defaults to
 * {@code batch_input}.
 */
public final class PricingTable {

  private final Map<String, ModelPrice> prices;
  private final Map<String, ModelPrice> batchPrices;

  private PricingTable(Map<String, ModelPrice> prices, Map<String, ModelPrice> batchPrices) {
    this.prices = prices;
    this.batchPrices = batchPrices;
  }

  public static PricingTable bundled() {
    try (InputStream in = PricingTable.class.getResourceAsStream("pricing.json")) {
      return read(in, "the bundled pricing.json");
    } catch (IOException e) {
      throw new IllegalStateException("the bundled pricing.json is unreadable", e);
    }
  }

  /**
   * @param origin names the file in error messages
   * @throws IOException when the file is not JSON of the expected shape
   */
  public static PricingTable read(InputStream in, String origin) throws IOException {
    JsonNode models = Json.MAPPER.readTree(in).path("models");
    if (!models.isObject() || models.isEmpty()) {
      throw new IOException(origin + " has no \"models\" object");
    }
    Map<String, ModelPrice> prices = new TreeMap<>();
    Map<String, ModelPrice> batchPrices = new TreeMap<>();
    for (Map.Entry<String, JsonNode> model :
        (Iterable<Map.Entry<String, JsonNode>>) models::fields) {
      JsonNode price = model.getValue();
      BigDecimal input = amount(price, "input", origin, model.getKey());
      BigDecimal cached =
          price.has("cached_input") ? amount(price, "cached_input", origin, model.getKey()) : input;
      prices.put(
          model.getKey(),
          new ModelPrice(input, cached, amount(price, "output", origin, model.getKey())));
      if (price.has("batch_input") || price.has("batch_output")) {
        BigDecimal batchInput = amount(price, "batch_input", origin, model.getKey());
        BigDecimal batchCached =
            price.has("batch_cached_input")
                ? amount(price, "batch_cached_input", origin, model.getKey())
                : batchInput;
        batchPrices.put(
            model.getKey(),
            new ModelPrice(
                batchInput, batchCached, amount(price, "batch_output", origin, model.getKey())));
      }
    }
    return new PricingTable(prices, batchPrices);
  }

  public Optional<ModelPrice> priceOf(String model) {
    return Optional.ofNullable(prices.get(model));
  }

  /** The model's price through the Batch API, when the table has one. */
  public Optional<ModelPrice> batchPriceOf(String model) {
    return Optional.ofNullable(batchPrices.get(model));
  }

  public String models() {
    return String.join(", ", prices.keySet());
  }

  /** The models with a Batch API price. */
  public String batchModels() {
    return String.join(", ", batchPrices.keySet());
  }

  private static BigDecimal amount(JsonNode price, String field, String origin, String model)
      throws IOException {
    JsonNode value = price.get(field);
    if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
      throw new IOException(
          origin
              + ": models."
              + model
              + "."
              + field
              + " must be a number >= 0 (USD per 1M tokens)");
    }
    return new BigDecimal(value.asText());
  }
}
