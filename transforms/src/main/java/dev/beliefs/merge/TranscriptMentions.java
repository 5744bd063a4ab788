package dev.beliefs.merge;

import dev.beliefs.model.Belief;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.TranscriptBeliefs;
import java.util.List;
import java.util.TreeMap;

/**
 * The mentions of one transcript seen so far, keyed by chunk and position in the chunk's answer, so
 * that a result delivered twice counts once and the merged beliefs do not depend on the order the
 * results came in.
 */
public final class TranscriptMentions {
  public String transcriptId = "";
  public TreeMap<String, Mention> byKey = new TreeMap<>();

  public void add(ChunkResult result) {
    List<Belief> beliefs = result.beliefs();
    for (int i = 0; i < beliefs.size(); i++) {
      byKey.put(result.chunkId() + "/" + i, new Mention(result.level(), beliefs.get(i)));
    }
    transcriptId = result.transcriptId();
  }

  public TranscriptBeliefs merged() {
    return new TranscriptBeliefs(transcriptId, BeliefClusters.merge(transcriptId, byKey.values()));
  }
}
