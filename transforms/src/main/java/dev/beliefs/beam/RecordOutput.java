package dev.beliefs.beam;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lets a record of PCollections be the output of a composite transform: each collection the record
 * lists in {@link #tagged()} is one output. Used for results with a main and a failure output.
 */
public interface RecordOutput extends POutput {

  /** Each output collection, tagged with its component's name. */
  TaggedValues tagged();

  @Override
  default Pipeline getPipeline() {
    return tagged().pipeline();
  }

  @Override
  default Map<TupleTag<?>, PValue> expand() {
    return tagged().asMap();
  }

  @Override
  default void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
