package dev.beliefs.beam;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lets a record of PCollections be the input of a composite transform, each collection the record
 * lists in {@link #tagged()} one input: the mirror of {@link RecordOutput}, for a step that joins
 * several collections.
 */
public interface RecordInput extends PInput {

  /** Each input collection, tagged with its component's name. */
  TaggedValues tagged();

  @Override
  default Pipeline getPipeline() {
    return tagged().pipeline();
  }

  @Override
  default Map<TupleTag<?>, PValue> expand() {
    return tagged().asMap();
  }
}
