package dev.beliefs.merge;

import dev.beliefs.model.ChunkResult;

/**
 * What the merge knows of one transcript: how many of its chunks were sent to extraction, how many
 * of those are settled (answered or failed), and the mentions of the answered ones. The transcript
 * is complete once every planned chunk is settled. Settled chunks are counted, not listed, so that
 * a transcript of millions of chunks costs nothing here beyond its beliefs: Beam hands each result
 * and failure on once.
 */
public final class TranscriptProgress {
  /** Chunks sent to extraction, or -1 until the count arrives. */
  public long planned = -1;

  public long settled;
  public boolean answered;
  public TranscriptMentions mentions = new TranscriptMentions();

  public void plan(long chunks) {
    planned = chunks;
  }

  public void answer(ChunkResult result) {
    settled++;
    answered = true;
    mentions.add(result);
  }

  public void fail() {
    settled++;
  }

  public boolean complete() {
    return planned >= 0 && settled >= planned;
  }
}
