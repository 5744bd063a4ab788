package dev.beliefs.chunk;

import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a transcript is cut: for each level L, consecutive non-overlapping windows of L utterances
 * (the last may be shorter). A window with fewer than {@code minChunkWords} words is skipped: too
 * little text to hold a belief, not worth a request.
 *
 * @param levels window sizes in utterances, each >= 1, ascending and distinct
 * @param minChunkWords windows with fewer words are skipped
 */
public record ChunkPlan(List<Integer> levels, int minChunkWords) implements Serializable {

  public ChunkPlan {
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("at least one level is needed");
    }
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i) < 1 || (i > 0 && levels.get(i) <= levels.get(i - 1))) {
        throw new IllegalArgumentException(
            "levels must be distinct positive window sizes in ascending order, got " + levels);
      }
    }
    if (minChunkWords < 0) {
      throw new IllegalArgumentException("minChunkWords must be >= 0, got " + minChunkWords);
    }
  }

  /** Every window of every level, each with {@code estimatedPromptTokens} from {@code sizer}. */
  public Windows cut(Transcript transcript, PromptSizer sizer) {
    List<Chunk> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Utterance> utterances = transcript.utterances();
    for (int level : levels) {
      for (int window = 0; window * level < utterances.size(); window++) {
        int from = window * level;
        List<Utterance> covered =
            utterances.subList(from, Math.min(from + level, utterances.size()));
        Chunk chunk = new Chunk(transcript.id(), transcript.sourceUri(), level, window, covered, 0);
        if (chunk.wordCount() < minChunkWords) {
          skipped.add(chunk.id());
        } else {
          kept.add(withTokens(chunk, sizer.promptTokens(chunk.text())));
        }
      }
    }
    return new Windows(kept, skipped);
  }

  private static Chunk withTokens(Chunk chunk, int tokens) {
    return new Chunk(
        chunk.transcriptId(),
        chunk.source(),
        chunk.level(),
        chunk.window(),
        chunk.utterances(),
        tokens);
  }

  /** The windows to extract, and the ids of those skipped for being too short. */
  public record Windows(List<Chunk> kept, List<String> skipped) {}
}
