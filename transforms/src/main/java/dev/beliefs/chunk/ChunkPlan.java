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
 * <p>The windows of a transcript are numbered, level by level, from 0 to {@link #windowCount}, and
 * each is cut on its own ({@link #window}), so that a transcript of millions of windows can be cut
 * a few at a time and handed on as it is cut, never held whole.
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

  /** Windows of every level: the positions {@link #window} takes are 0 to this, exclusive. */
  public long windowCount(Transcript transcript) {
    long count = 0;
    for (int level : levels) {
      count += windowsOf(level, transcript.utterances().size());
    }
    return count;
  }

  /**
   * The window at {@code position} (levels in order, windows in order within a level): a chunk to
   * send, with {@code estimatedPromptTokens} from {@code sizer}, or one too short to send, with no
   * tokens counted.
   */
  public Window window(Transcript transcript, long position, PromptSizer sizer) {
    List<Utterance> utterances = transcript.utterances();
    long rest = position;
    for (int level : levels) {
      long windows = windowsOf(level, utterances.size());
      if (rest < windows) {
        int from = Math.toIntExact(rest * level);
        List<Utterance> covered =
            utterances.subList(from, Math.min(from + level, utterances.size()));
        Chunk chunk =
            new Chunk(transcript.id(), transcript.sourceUri(), level, (int) rest, covered, 0);
        if (chunk.wordCount() < minChunkWords) {
          return new Window(chunk, false);
        }
        return new Window(withTokens(chunk, sizer.promptTokens(chunk.text())), true);
      }
      rest -= windows;
    }
    throw new IndexOutOfBoundsException(
        "window " + position + " of " + windowCount(transcript) + " in " + transcript.id());
  }

  /** How many windows are long enough to send, without rendering or sizing any. */
  public long keptCount(Transcript transcript) {
    List<Utterance> utterances = transcript.utterances();
    int[] words = new int[utterances.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = utterances.get(i).wordCount();
    }
    long kept = 0;
    for (int level : levels) {
      for (int from = 0; from < words.length; from += level) {
        int sum = 0;
        for (int i = from; i < Math.min(from + level, words.length); i++) {
          sum += words[i];
        }
        kept += sum >= minChunkWords ? 1 : 0;
      }
    }
    return kept;
  }

  /**
   * Every window of every level, each with {@code estimatedPromptTokens} from {@code sizer}, in
   * memory at once: for tests and the estimate, not for the pipeline.
   */
  public Windows cut(Transcript transcript, PromptSizer sizer) {
    List<Chunk> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long count = windowCount(transcript);
    for (long position = 0; position < count; position++) {
      Window window = window(transcript, position, sizer);
      if (window.kept()) {
        kept.add(window.chunk());
      } else {
        skipped.add(window.chunk().id());
      }
    }
    return new Windows(kept, skipped);
  }

  private static long windowsOf(int level, int utterances) {
    return (utterances + (long) level - 1) / level;
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

  /**
   * One window: {@code kept} to be sent, else too short (its tokens are not counted).
   *
   * @param chunk the window's chunk
   */
  public record Window(Chunk chunk, boolean kept) {}

  /** The windows to extract, and the ids of those skipped for being too short. */
  public record Windows(List<Chunk> kept, List<String> skipped) {}
}
