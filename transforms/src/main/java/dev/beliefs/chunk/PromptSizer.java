package dev.beliefs.chunk;

import java.io.Serializable;

/** Counts the prompt tokens a chunk's text will cost once wrapped in the extraction prompt. */
@FunctionalInterface
public interface PromptSizer extends Serializable {

  int promptTokens(String chunkText);
}
