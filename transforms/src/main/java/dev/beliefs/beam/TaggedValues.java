package dev.beliefs.beam;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The collections of a {@link RecordOutput} or {@link RecordInput}, each tagged with a name, in the
 * order they are added: {@code TaggedValues.of("results", results).and("failures", failures)}.
 */
public final class TaggedValues {

  private final Map<TupleTag<?>, PValue> values = new LinkedHashMap<>();

  private TaggedValues() {}

  public static TaggedValues of(String name, PValue value) {
    return new TaggedValues().and(name, value);
  }

  public TaggedValues and(String name, PValue value) {
    if (values.put(new TupleTag<>(name), value) != null) {
      throw new IllegalArgumentException("two values are tagged " + name);
    }
    return this;
  }

  /** The pipeline of the first value. */
  Pipeline pipeline() {
    return values.values().iterator().next().getPipeline();
  }

  Map<TupleTag<?>, PValue> asMap() {
    return Collections.unmodifiableMap(values);
  }
}
