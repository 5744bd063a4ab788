package dev.beliefs.merge;

import dev.beliefs.model.ChunkResult;
import java.util.TreeSet;

/**
 * What the merge knows of one transcript: how many of its chunks were sent to extraction, which of
 * those are settled (answered or failed), and the mentions of the answered ones. The transcript is
 * complete once every planned chunk is settled.
 */
public final class TranscriptProgress {
  /** Chunks sent to extraction, or -1 until the count arrives. */
  public long planned = -1;

  public TreeSet<String> settled = new TreeSet<>();
  public boolean answered;
  public TranscriptMentions mentions = new TranscriptMentions();

  public void plan(long chunks) {
    planned = chunks;
  }

  public void answer(ChunkResult result) {
    settled.add(result.chunkId());
    answered = true;
    mentions.add(result);
  }

  public void fail(String chunkId) {
    settled.add(chunkId);
  }

  public boolean complete() {
    return planned >= 0 && settled.size() >= planned;
  }
}
