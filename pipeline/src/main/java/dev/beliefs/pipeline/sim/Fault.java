package dev.beliefs.pipeline.sim;

import java.util.Arrays;
import java.util.Optional;

/** What the simulator does to one request instead of answering it normally. */
public enum Fault {
  /** A 429 with OpenAI's rate-limit body and {@code retry-after}, though no limit was reached. */
  RATE_LIMITED("429"),
  /** A 500 with OpenAI's server-error body. */
  SERVER_ERROR("500"),
  /** A 503, OpenAI's "overloaded". */
  OVERLOADED("503"),
  /** The request is held for the fault timeout and the connection then closed, unanswered. */
  TIMEOUT("timeout"),
  /** A 200 whose content is not valid JSON; billed. */
  MALFORMED("malformed"),
  /** A 200 with {@code finish_reason: length}, content cut at {@code max_tokens}; billed. */
  TRUNCATED("truncated");

  private final String specName;

  Fault(String specName) {
    this.specName = specName;
  }

  /** The name in a {@code --faults} spec and in stats. */
  public String specName() {
    return specName;
  }

  static Optional<Fault> named(String name) {
    return Arrays.stream(values()).filter(f -> f.specName.equals(name)).findFirst();
  }
}
