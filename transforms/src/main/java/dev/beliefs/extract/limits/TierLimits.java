package dev.beliefs.extract.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** OpenAI's published rate limits per model and usage tier, from {@code rate-limits.json}. */
public final class TierLimits {

  private static final JsonNode MODELS = load().path("models");

  private TierLimits() {}

  /** The limits of {@code model} at {@code tier} (1 to 5), if published. */
  public static Optional<RateLimits> of(String model, int tier) {
    JsonNode limits = MODELS.path(model).path(Integer.toString(tier));
    if (limits.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(new RateLimits(limits.path("rpm").asLong(), limits.path("tpm").asLong()));
  }

  /** The models with published tiers, for error messages. */
  public static String models() {
    return String.join(", ", (Iterable<String>) MODELS::fieldNames);
  }

  private static JsonNode load() {
    try (InputStream in = TierLimits.class.getResourceAsStream("rate-limits.json")) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
