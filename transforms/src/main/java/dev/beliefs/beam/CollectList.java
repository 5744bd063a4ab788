package dev.beliefs.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;

/** Gathers a small PCollection into one list; an empty input gives an empty list. */
public final class CollectList<T> extends Combine.CombineFn<T, List<T>, List<T>> {

  @Override
  public List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<T> addInput(List<T> list, T item) {
    list.add(item);
    return list;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> lists) {
    List<T> merged = new ArrayList<>();
    lists.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<T> extractOutput(List<T> list) {
    return list;
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> input) {
    return ListCoder.of(input);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> input) {
    return ListCoder.of(input);
  }
}
