package dev.beliefs.pipeline.sim;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.extract.offline.OfflineBeliefRules;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.formats.LabelledTextFormat;
import dev.beliefs.pipeline.TestFiles;
import java.nio.file.Files;
import java.util.List;

/** Chunks of the bundled NASA transcript, cut as the job cuts them. */
final class NasaChunks {

  private static List<Chunk> all;

  private NasaChunks() {}

  /** The first {@code utterances} utterances at these levels, windows under minWords skipped. */
  static List<Chunk> cut(int utterances, List<Integer> levels, int minWords) throws Exception {
    List<Utterance> all =
        new LabelledTextFormat()
            .parse(
                Files.readString(
                    TestFiles.projectRoot()
                        .resolve("testdata/transcripts/conversations/nasa-hwhap-ep218.txt")));
    Transcript transcript =
        new Transcript(
            "nasa-hwhap-ep218",
            "file:///nasa-hwhap-ep218.txt",
            "sha",
            "text",
            all.subList(0, Math.min(utterances, all.size())));
    return new ChunkPlan(levels, minWords).cut(transcript, ExtractionPrompt.sizer()).kept();
  }

  /** Every chunk of the whole transcript at levels 1 and 5. */
  static synchronized List<Chunk> all() throws Exception {
    if (all == null) {
      all = cut(Integer.MAX_VALUE, List.of(1, 5), 8);
    }
    return all;
  }

  /** A chunk in which the offline extractor finds at least one belief. */
  static Chunk withBeliefs() throws Exception {
    return all().stream()
        .filter(c -> c.level() == 1 && !OfflineBeliefRules.find(c.utterances()).isEmpty())
        .findFirst()
        .orElseThrow();
  }
}
