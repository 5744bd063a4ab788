package dev.beliefs.extract;

import dev.beliefs.model.Usage;
import java.util.List;

/**
 * A chunk's answer and what getting it took.
 *
 * @param beliefs beliefs as the model stated them, not yet grounded
 * @param usage tokens of every billed attempt, failed ones included
 * @param requests requests sent, retries included
 * @param rateLimited requests answered 429
 * @param latencyMs from the first request to the answer
 */
public record Extraction(
    List<ModelBelief> beliefs, Usage usage, int requests, int rateLimited, long latencyMs) {

  public Extraction {
    beliefs = List.copyOf(beliefs);
  }
}
