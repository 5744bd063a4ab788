package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/** The merged beliefs of one transcript, in a stable order. */
@DefaultCoder(JsonCoder.class)
public record TranscriptBeliefs(String transcriptId, List<MergedBelief> beliefs)
    implements Serializable {

  public TranscriptBeliefs {
    beliefs = List.copyOf(beliefs);
  }
}
