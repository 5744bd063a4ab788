package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.cost.PricingTable;
import dev.beliefs.extract.openai.ChatSettings;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

  @Test
  void withoutModelOptions_theDefaultModelIsAsked_andCheapModeAsksTheCheapOne()
      throws ConfigurationException {
    assertEquals("gpt-4o", ModelChoice.model(options()));
    assertEquals("gpt-4o-mini", ModelChoice.model(options("--cheapMode=true")));
    assertEquals("gpt-4.1", ModelChoice.model(options("--model=gpt-4.1")));
  }

  @Test
  void cheapModeWithAnotherModel_isRefusedNamingBoth() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> ModelChoice.model(options("--cheapMode=true", "--model=gpt-4.1")));

    assertEquals(
        "--cheapMode selects gpt-4o-mini; drop --model=gpt-4.1 or --cheapMode", e.getMessage());
  }

  @Test
  void theBatchApiIsPricedAtItsOwnPrice_andAModelWithoutAPriceIsRefused()
      throws ConfigurationException {
    PricingTable bundled = PricingTable.bundled();

    assertEquals(
        bundled.priceOf("gpt-4o-mini").orElseThrow(), ModelChoice.price(options(), "gpt-4o-mini"));
    assertEquals(
        bundled.batchPriceOf("gpt-4o-mini").orElseThrow(),
        ModelChoice.price(options("--batch=true"), "gpt-4o-mini"));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> ModelChoice.price(options(), "gpt-9-preview"));
    assertTrue(e.getMessage().startsWith("no price for model 'gpt-9-preview'"), e.getMessage());
  }

  @Test
  void everyRequestAsksTheSeedAndMaxTokensOfTheOptions_atTemperatureZero() {
    assertEquals(
        new ChatSettings("gpt-4o", 0.0, 7L, 300),
        ModelChoice.chat(options("--seed=7", "--maxTokens=300"), "gpt-4o"));
  }

  private static BeliefOptions options(String... args) {
    return TestOptions.parse(args);
  }
}
