package dev.beliefs.extract.openai;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a worker finds the API key. Only the source travels with the pipeline, never the key, so
 * the key cannot reach a job graph, pipeline options or the Flink web UI.
 */
@FunctionalInterface
public interface ApiKeySource extends Serializable {

  String ENVIRONMENT_VARIABLE = "OPENAI_API_KEY";

  /** The key, or null when there is none (a local OpenAI-compatible server may need none). */
  @Nullable String apiKey();

  /** Reads {@code OPENAI_API_KEY} on the machine that makes the call. */
  static ApiKeySource environment() {
    return () -> {
      String key = System.getenv(ENVIRONMENT_VARIABLE);
      return key == null || key.isBlank() ? null : key.strip();
    };
  }
}
