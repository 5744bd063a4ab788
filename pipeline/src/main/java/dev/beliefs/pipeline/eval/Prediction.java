package dev.beliefs.pipeline.eval;

import java.util.List;

/** One merged belief of the run being scored: who, which stance, at which levels, on what words. */
record Prediction(String speaker, String stance, List<Integer> levels, List<String> quotes) {

  Prediction {
    levels = List.copyOf(levels);
    quotes = List.copyOf(quotes);
  }
}
