package dev.beliefs.pipeline.sim;

import org.checkerframework.checker.nullness.qual.Nullable;

/** The bearer-token check of every OpenAI endpoint, as the real API words its 401s. */
final class Authorization {

  private Authorization() {}

  /** The 401 to answer, or null when the request may go on. */
  static @Nullable OpenAiError check(@Nullable String required, @Nullable String authorization) {
    if (required == null) {
      return null;
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return OpenAiError.missingApiKey();
    }
    String key = authorization.substring("Bearer ".length()).strip();
    return key.equals(required) ? null : OpenAiError.invalidApiKey(key);
  }
}
