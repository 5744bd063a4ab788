package dev.beliefs.pipeline;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.parse.TranscriptFormats;
import dev.beliefs.parse.TranscriptParser;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How the input is read and cut: where its transcript ids start ({@code --input}), the format
 * ({@code --format}), the levels and the smallest chunk ({@code --levels}, {@code --minChunkWords},
 * {@code --cheapMode}), and whether transcripts processed before are skipped ({@code
 * --incremental}).
 */
final class TranscriptReading {

  static final int DEFAULT_MIN_CHUNK_WORDS = 8;
  static final int CHEAP_MIN_CHUNK_WORDS = 20;

  private TranscriptReading() {}

  static String inputRoot(String input) {
    return InputPatterns.root(input);
  }

  static TranscriptParser parser(@Nullable String format) throws ConfigurationException {
    if (format != null && TranscriptFormats.named(format).isEmpty()) {
      throw new ConfigurationException(
          "--format=" + format + " is not a known format; known: " + TranscriptFormats.names());
    }
    return new TranscriptParser(format);
  }

  static ChunkPlan chunkPlan(BeliefOptions options) throws ConfigurationException {
    List<Integer> levels = new ArrayList<>();
    for (String part : options.getLevels().split(",")) {
      try {
        levels.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new ConfigurationException(
            "--levels must be window sizes such as 1,5,15; '" + part.strip() + "' is not a number");
      }
    }
    Integer minWords = options.getMinChunkWords();
    int minChunkWords =
        minWords != null
            ? minWords
            : options.getCheapMode() ? CHEAP_MIN_CHUNK_WORDS : DEFAULT_MIN_CHUNK_WORDS;
    try {
      return new ChunkPlan(levels, minChunkWords);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--levels / --minChunkWords: " + e.getMessage());
    }
  }

  /** On by default for a bucket, where scheduled runs over new arrivals are the point. */
  static boolean incremental(BeliefOptions options) {
    if (options.getIncremental() != null) {
      return options.getIncremental();
    }
    String input = options.getInput();
    return input.startsWith("s3://") || input.startsWith("gs://");
  }
}
