package dev.beliefs.cost;

import dev.beliefs.model.Usage;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A model's price in USD per million tokens. Costs are exact decimals, so that sums do not depend
 * on the order in which a runner adds them.
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output)
    implements Serializable {

  public static final ModelPrice FREE =
      new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** Uncached prompt tokens at the input price, cached ones at the cached price, plus output. */
  public BigDecimal cost(Usage usage) {
    long uncached = usage.promptTokens() - usage.cachedPromptTokens();
    BigDecimal perMillion =
        input
            .multiply(BigDecimal.valueOf(uncached))
            .add(cachedInput.multiply(BigDecimal.valueOf(usage.cachedPromptTokens())))
            .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())));
    return perMillion.divide(MILLION, MathContext.DECIMAL128).stripTrailingZeros();
  }
}
