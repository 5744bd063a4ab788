package dev.beliefs.pipeline;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.openai.ChatSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The model the options choose ({@code --model}, {@code --cheapMode}), its price ({@code
 * --pricingFile}, {@code --batch}) and what every request to it asks ({@code --seed}, {@code
 * --maxTokens}).
 */
final class ModelChoice {

  static final String DEFAULT_MODEL = "gpt-4o";
  static final String CHEAP_MODEL = "gpt-4o-mini";

  private ModelChoice() {}

  static String model(BeliefOptions options) throws ConfigurationException {
    if (options.getCheapMode()
        && options.getModel() != null
        && !options.getModel().equals(CHEAP_MODEL)) {
      throw new ConfigurationException(
          "--cheapMode selects "
              + CHEAP_MODEL
              + "; drop --model="
              + options.getModel()
              + " or --cheapMode");
    }
    if (options.getCheapMode()) {
      return CHEAP_MODEL;
    }
    return options.getModel() == null ? DEFAULT_MODEL : options.getModel();
  }

  /** The model's price; with {@code --batch}, its Batch API price, which it must have. */
  static ModelPrice price(BeliefOptions options, String model) throws ConfigurationException {
    PricingTable table = pricingTable(options.getPricingFile());
    if (options.getBatch()) {
      return table
          .batchPriceOf(model)
          .orElseThrow(
              () ->
                  new ConfigurationException(
                      "--batch: no Batch API price for model '"
                          + model
                          + "' (batch-priced: "
                          + table.batchModels()
                          + "); add batch_input and batch_output to a --pricingFile"));
    }
    return table
        .priceOf(model)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "no price for model '"
                        + model
                        + "' (priced: "
                        + table.models()
                        + "); add it to a --pricingFile"));
  }

  /** What every request asks: the same for {@code extract} and for {@code estimate}'s lookups. */
  static ChatSettings chat(BeliefOptions options, String model) {
    return new ChatSettings(model, 0.0, options.getSeed(), options.getMaxTokens());
  }

  private static PricingTable pricingTable(@Nullable String pricingFile)
      throws ConfigurationException {
    if (pricingFile == null) {
      return PricingTable.bundled();
    }
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(pricingFile).resourceId()))) {
      return PricingTable.read(in, "--pricingFile=" + pricingFile);
    } catch (IOException e) {
      throw new ConfigurationException("--pricingFile=" + pricingFile + ": " + e.getMessage());
    }
  }
}
