package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One line of {@code beliefs/*.jsonl}: a belief of one transcript after merging across chunks and
 * levels.
 *
 * @param beliefId stable hash of the belief's speaker, stance, canonical statement and earliest
 *     evidence at its lowest level; adding levels or runs or reordering inputs does not move it
 * @param levels the levels it was found at, ascending
 * @param evidence every distinct quote that shows it, in transcript order
 */
@DefaultCoder(JsonCoder.class)
public record MergedBelief(
    String transcriptId,
    String beliefId,
    String speaker,
    String statement,
    String stance,
    double confidence,
    String topic,
    List<Integer> levels,
    List<Evidence> evidence)
    implements Serializable {

  public MergedBelief {
    levels = List.copyOf(levels);
    evidence = List.copyOf(evidence);
  }
}
