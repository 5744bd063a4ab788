package dev.beliefs.beam;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lets a record of PCollections be the input of a composite transform, each component one input
 * tagged with its name: the mirror of {@link RecordOutput}, for a step that joins several
 * collections.
 */
public interface RecordInput extends PInput {

  @Override
  default Pipeline getPipeline() {
    return ((PValue) expand().values().iterator().next()).getPipeline();
  }

  @Override
  default Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> inputs = new LinkedHashMap<>();
    for (RecordComponent component : getClass().getRecordComponents()) {
      try {
        inputs.put(
            new TupleTag<>(component.getName()), (PValue) component.getAccessor().invoke(this));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read input " + component.getName(), e);
      }
    }
    return inputs;
  }
}
