package dev.beliefs.chunk;

import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transform cuts every window of every transcript exactly once. */
@ExtendWith(TestPipelineExtension.class)
class ExplodeChunksTest {

  private static final PromptSizer ONE_TOKEN_PER_LINE = text -> (int) text.lines().count();

  @Test
  void everyWindowIsCutOnce_longEnoughOnesAsChunksAndTheRestAsSkippedIds(TestPipeline pipeline) {
    Transcript large = transcript("large", 250);
    Transcript small = transcript("small", 3);
    Transcript empty = transcript("empty", 0);
    ChunkPlan plan = new ChunkPlan(List.of(1, 5), 4);

    ExplodeChunks.Result result =
        pipeline
            .apply(Create.of(large, small, empty))
            .apply(new ExplodeChunks(plan, ONE_TOKEN_PER_LINE));

    List<String> expectedKept = new ArrayList<>();
    List<String> expectedSkipped = new ArrayList<>();
    for (Transcript transcript : List.of(large, small)) {
      ChunkPlan.Windows windows = plan.cut(transcript, ONE_TOKEN_PER_LINE);
      windows.kept().forEach(c -> expectedKept.add(c.id() + " " + c.estimatedPromptTokens()));
      expectedSkipped.addAll(windows.skipped());
    }
    PAssert.that(idsAndTokens(result.chunks())).containsInAnyOrder(expectedKept);
    PAssert.that(result.skipped()).containsInAnyOrder(expectedSkipped);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void sevenUtterancesAtLevelsOneAndFive_giveTheseChunksAndSkipTheOneWordAside(
      TestPipeline pipeline) {
    ExplodeChunks.Result result =
        pipeline
            .apply(Create.of(transcript("t", 7)))
            .apply(new ExplodeChunks(new ChunkPlan(List.of(1, 5), 4), ONE_TOKEN_PER_LINE));

    PAssert.that(idsAndTokens(result.chunks()))
        .containsInAnyOrder(
            "t#L1-W0000 1",
            "t#L1-W0001 1",
            "t#L1-W0002 1",
            "t#L1-W0003 1",
            "t#L1-W0005 1",
            "t#L1-W0006 1",
            "t#L5-W0000 5",
            "t#L5-W0001 2");
    PAssert.that(result.skipped()).containsInAnyOrder("t#L1-W0004");
    pipeline.run().waitUntilFinish();
  }

  private static PCollection<String> idsAndTokens(PCollection<Chunk> chunks) {
    return chunks.apply(
        MapElements.into(TypeDescriptors.strings())
            .via((Chunk c) -> c.id() + " " + c.estimatedPromptTokens()));
  }

  /** Every fifth utterance is a one-word aside, too short to send alone. */
  private static Transcript transcript(String id, int utterances) {
    List<Utterance> list = new ArrayList<>();
    for (int i = 0; i < utterances; i++) {
      String text = i % 5 == 4 ? "Right." : "I think point " + i + " matters.";
      list.add(new Utterance(i, "S" + (i % 2), null, null, text));
    }
    return new Transcript(id, "file:/" + id + ".txt", "sha-" + id, "text", list);
  }
}
