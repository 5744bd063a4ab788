package dev.beliefs.merge;

import dev.beliefs.beam.RecordInput;
import dev.beliefs.beam.TaggedValues;
import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.ChunkResult;
import dev.beliefs.model.TranscriptBeliefs;
import java.io.Serializable;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Merges the grounded beliefs of every chunk of a transcript, across chunks and levels, into one
 * deduplicated list per transcript ({@link BeliefClusters} says when two beliefs are the same). One
 * output per transcript that has at least one chunk result; the same whatever the order of the
 * results.
 *
 * <p>A transcript is merged as soon as all of its planned chunks are settled, answered or failed,
 * and its mentions are let go: memory holds only the transcripts still being extracted, not every
 * chunk's beliefs until the input ends. Should a transcript never complete (a count that does not
 * match), it is merged when the input ends, as a grouping would. Anything that arrives for a
 * transcript already merged is ignored.
 */
public class MergeBeliefs extends PTransform<MergeBeliefs.Inputs, PCollection<TranscriptBeliefs>> {

  /**
   * @param results the answered chunks
   * @param failures the chunks that failed
   * @param planned transcript id and the number of its chunks sent to extraction
   */
  public record Inputs(
      PCollection<ChunkResult> results,
      PCollection<ChunkFailure> failures,
      PCollection<KV<String, Long>> planned)
      implements RecordInput {
    @Override
    public TaggedValues tagged() {
      return TaggedValues.of("results", results).and("failures", failures).and("planned", planned);
    }
  }

  /** One thing learnt about a transcript: a chunk answered, a chunk failed, or its chunk count. */
  public record Event(ChunkResult answered, boolean failed, long planned) implements Serializable {

    static Event answer(ChunkResult result) {
      return new Event(result, false, -1);
    }

    static Event failure() {
      return new Event(null, true, -1);
    }

    static Event plan(long chunks) {
      return new Event(null, false, chunks);
    }

    void applyTo(TranscriptProgress progress) {
      if (answered != null) {
        progress.answer(answered);
      } else if (failed) {
        progress.fail();
      } else {
        progress.plan(planned);
      }
    }
  }

  private static final TypeDescriptor<KV<String, Event>> KEYED_EVENT =
      TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Event.class));

  @Override
  public PCollection<TranscriptBeliefs> expand(Inputs inputs) {
    return PCollectionList.of(
            inputs
                .results()
                .apply(
                    "Answered",
                    MapElements.into(KEYED_EVENT)
                        .via(result -> KV.of(result.transcriptId(), Event.answer(result)))))
        .and(
            inputs
                .failures()
                .apply(
                    "Failed",
                    MapElements.into(KEYED_EVENT)
                        .via(failure -> KV.of(failure.transcriptId(), Event.failure()))))
        .and(
            inputs
                .planned()
                .apply(
                    "Planned",
                    MapElements.into(KEYED_EVENT)
                        .via(count -> KV.of(count.getKey(), Event.plan(count.getValue())))))
        .apply("AllEvents", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Event.class)))
        .apply("MergeWhenComplete", ParDo.of(new MergeWhenCompleteFn()));
  }

  static class MergeWhenCompleteFn extends DoFn<KV<String, Event>, TranscriptBeliefs> {

    @StateId("progress")
    private final StateSpec<ValueState<TranscriptProgress>> progressSpec =
        StateSpecs.value(JsonCoder.of(TranscriptProgress.class));

    /** Set once the transcript is merged, so that nothing arriving later merges it again. */
    @StateId("merged")
    private final StateSpec<ValueState<Boolean>> mergedSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("inputEnds")
    private final TimerSpec inputEndsSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @ProcessElement
    public void process(
        @Element KV<String, Event> event,
        @StateId("progress") ValueState<TranscriptProgress> state,
        @StateId("merged") ValueState<Boolean> merged,
        @TimerId("inputEnds") Timer inputEnds,
        OutputReceiver<TranscriptBeliefs> out) {
      if (merged.read() != null) {
        return;
      }
      TranscriptProgress progress = state.read();
      if (progress == null) {
        progress = new TranscriptProgress();
        inputEnds.set(GlobalWindow.INSTANCE.maxTimestamp());
      }
      event.getValue().applyTo(progress);
      if (progress.complete()) {
        emit(progress, out);
        state.clear();
        merged.write(true);
      } else {
        state.write(progress);
      }
    }

    @OnTimer("inputEnds")
    public void onInputEnds(
        @StateId("progress") ValueState<TranscriptProgress> state,
        OutputReceiver<TranscriptBeliefs> out) {
      TranscriptProgress progress = state.read();
      if (progress != null) {
        emit(progress, out);
        state.clear();
      }
    }

    private static void emit(TranscriptProgress progress, OutputReceiver<TranscriptBeliefs> out) {
      if (progress.answered) {
        out.output(progress.mentions.merged());
      }
    }
  }
}
