package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/** The grounded beliefs of one chunk and what they cost. */
@DefaultCoder(JsonCoder.class)
public record ChunkResult(
    String chunkId, String transcriptId, int level, List<Belief> beliefs, CallStats stats)
    implements Serializable {

  public ChunkResult {
    beliefs = List.copyOf(beliefs);
  }
}
