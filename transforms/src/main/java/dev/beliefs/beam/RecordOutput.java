package dev.beliefs.beam;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lets a record of PCollections be the output of a composite transform: each component is one
 * output, tagged with the component's name. Used for results with a main and a failure output.
 */
public interface RecordOutput extends POutput {

  @Override
  default Pipeline getPipeline() {
    return ((PValue) expand().values().iterator().next()).getPipeline();
  }

  @Override
  default Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> outputs = new LinkedHashMap<>();
    for (RecordComponent component : getClass().getRecordComponents()) {
      try {
        outputs.put(
            new TupleTag<>(component.getName()), (PValue) component.getAccessor().invoke(this));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read output " + component.getName(), e);
      }
    }
    return outputs;
  }

  @Override
  default void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
