package dev.beliefs.extract.batch;

import dev.beliefs.extract.batch.ExtractBeliefsInBatches.Unanswered;
import dev.beliefs.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The unanswered chunks of a batch run in a local JSONL file: a runner may let a grouped result be
 * iterated only once (Flink does), and a {@link BatchJob} goes through its requests once per round.
 */
final class SpilledChunks {

  private SpilledChunks() {}

  /** Writes the chunks to {@code file}, one JSON line each. */
  static void spill(Iterable<Unanswered> chunks, Path file) throws IOException {
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Unanswered chunk : chunks) {
        writer.write(Json.line(chunk));
        writer.newLine();
      }
    }
  }

  /** The spilled chunks, read afresh on each iteration. */
  static Iterable<Unanswered> reading(Path file) {
    return () -> {
      try {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return new Iterator<>() {
          private String next = readLine();

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Unanswered next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            try {
              Unanswered chunk = Json.MAPPER.readValue(next, Unanswered.class);
              next = readLine();
              return chunk;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          private String readLine() {
            try {
              String line = reader.readLine();
              if (line == null) {
                reader.close();
              }
              return line;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
