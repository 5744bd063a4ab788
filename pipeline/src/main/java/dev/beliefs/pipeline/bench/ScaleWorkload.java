package dev.beliefs.pipeline.bench;

import dev.beliefs.json.Json;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Many hour-long transcripts from the few real ones: the utterances of every source transcript in
 * one ring; transcript {@code i} starts {@value #STRIDE} x i utterances into the ring and runs
 * until it has {@value #HOUR_WORDS} words (an hour at 150 words a minute). Every transcript is real
 * speech, and no two cut the same windows, so no two requests are alike.
 */
final class ScaleWorkload {

  static final int HOUR_WORDS = 9_000;
  static final int STRIDE = 7;

  private ScaleWorkload() {}

  /** Writes {@code count} transcripts under {@code dir} and returns the glob that matches them. */
  static String write(Path sources, int count, Path dir)
      throws IOException, TranscriptParseException {
    List<Utterance> ring = ring(sources);
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      List<Map<String, Object>> entries = new ArrayList<>();
      int words = 0;
      for (int k = 0; words < HOUR_WORDS; k++) {
        Utterance u = ring.get((i * STRIDE + k) % ring.size());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("speaker", String.format(Locale.ROOT, "%s %04d", u.speaker(), i));
        entry.put("text", u.text());
        entries.add(entry);
        words += u.wordCount();
      }
      Files.writeString(
          dir.resolve(String.format(Locale.ROOT, "episode-%04d.json", i)),
          Json.line(Map.of("utterances", entries)));
    }
    return dir.toAbsolutePath() + "/*.json";
  }

  private static List<Utterance> ring(Path sources) throws IOException, TranscriptParseException {
    List<Utterance> ring = new ArrayList<>();
    TranscriptParser parser = new TranscriptParser(null);
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.sorted().toList()) {
        ring.addAll(parser.parse("source", file.toString(), Files.readAllBytes(file)).utterances());
      }
    }
    if (ring.isEmpty()) {
      throw new IOException("no transcripts in " + sources);
    }
    return ring;
  }
}
