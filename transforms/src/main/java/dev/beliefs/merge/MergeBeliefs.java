package dev.beliefs.merge;

import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Belief;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.TranscriptBeliefs;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Merges the grounded beliefs of every chunk of a transcript, across chunks and levels, into one
 * deduplicated list per transcript ({@link BeliefClusters} says when two beliefs are the same).
 * Bounded or unbounded input; one output per transcript that has at least one chunk result. The
 * output is the same whatever the order of the results and however the runner splits and merges
 * accumulators.
 */
public class MergeBeliefs
    extends PTransform<PCollection<ChunkResult>, PCollection<TranscriptBeliefs>> {

  @Override
  public PCollection<TranscriptBeliefs> expand(PCollection<ChunkResult> results) {
    return results
        .apply(
            "KeyByTranscript",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(ChunkResult.class)))
                .via(result -> KV.of(result.transcriptId(), result)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(ChunkResult.class)))
        .apply("CombineMentions", Combine.perKey(new MergeBeliefsCombineFn()))
        .apply(
            "ToTranscriptBeliefs",
            MapElements.into(TypeDescriptor.of(TranscriptBeliefs.class)).via(KV::getValue));
  }

  /**
   * The mentions of one transcript seen so far, keyed by chunk and position in the chunk's answer,
   * so that a result delivered twice (a retried bundle) counts once.
   */
  public static final class Mentions {
    public String transcriptId = "";
    public TreeMap<String, Mention> byKey = new TreeMap<>();
  }

  public static class MergeBeliefsCombineFn
      extends Combine.CombineFn<ChunkResult, Mentions, TranscriptBeliefs> {

    @Override
    public Mentions createAccumulator() {
      return new Mentions();
    }

    @Override
    public Mentions addInput(Mentions mentions, ChunkResult result) {
      List<Belief> beliefs = result.beliefs();
      for (int i = 0; i < beliefs.size(); i++) {
        mentions.byKey.put(result.chunkId() + "/" + i, new Mention(result.level(), beliefs.get(i)));
      }
      mentions.transcriptId = result.transcriptId();
      return mentions;
    }

    @Override
    public Mentions mergeAccumulators(Iterable<Mentions> accumulators) {
      Mentions merged = new Mentions();
      for (Mentions mentions : accumulators) {
        merged.byKey.putAll(mentions.byKey);
        if (!mentions.transcriptId.isEmpty()) {
          merged.transcriptId = mentions.transcriptId;
        }
      }
      return merged;
    }

    @Override
    public TranscriptBeliefs extractOutput(Mentions mentions) {
      return new TranscriptBeliefs(
          mentions.transcriptId,
          BeliefClusters.merge(mentions.transcriptId, mentions.byKey.values()));
    }

    @Override
    public Coder<Mentions> getAccumulatorCoder(CoderRegistry registry, Coder<ChunkResult> input) {
      return JsonCoder.of(Mentions.class);
    }
  }
}
