package dev.beliefs.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

  private static final PromptSizer WORDS_AS_TOKENS = text -> text.split("\\s+").length;

  @Test
  void windowsOfEachLevelAreConsecutiveAndTheLastMayBeShorter() {
    Transcript transcript = transcript(7);

    ChunkPlan.Windows windows = new ChunkPlan(List.of(1, 3), 0).cut(transcript, WORDS_AS_TOKENS);

    assertEquals(
        List.of(
            "t#L1-W0000",
            "t#L1-W0001",
            "t#L1-W0002",
            "t#L1-W0003",
            "t#L1-W0004",
            "t#L1-W0005",
            "t#L1-W0006",
            "t#L3-W0000",
            "t#L3-W0001",
            "t#L3-W0002"),
        windows.kept().stream().map(Chunk::id).toList());
    Chunk last = windows.kept().get(9);
    assertEquals(6, last.firstUtterance());
    assertEquals(6, last.lastUtterance());
    Chunk middle = windows.kept().get(8);
    assertEquals(List.of(3, 4, 5), middle.utterances().stream().map(Utterance::index).toList());
  }

  @Test
  void fewerUtterancesThanTheLevel_giveOneWindowOfAll() {
    ChunkPlan.Windows windows = new ChunkPlan(List.of(15), 0).cut(transcript(4), WORDS_AS_TOKENS);

    assertEquals(1, windows.kept().size());
    assertEquals(4, windows.kept().get(0).utterances().size());
  }

  @Test
  void oneUtterance_givesOneWindowPerLevel() {
    ChunkPlan.Windows windows =
        new ChunkPlan(List.of(1, 5, 15), 0).cut(transcript(1), WORDS_AS_TOKENS);

    assertEquals(
        List.of("t#L1-W0000", "t#L5-W0000", "t#L15-W0000"),
        windows.kept().stream().map(Chunk::id).toList());
  }

  @Test
  void emptyTranscript_givesNoWindows() {
    ChunkPlan.Windows windows = new ChunkPlan(List.of(1, 5), 0).cut(transcript(0), WORDS_AS_TOKENS);

    assertEquals(List.of(), windows.kept());
    assertEquals(List.of(), windows.skipped());
  }

  @Test
  void windowsUnderTheMinimumWords_areSkippedAndNamed() {
    Transcript transcript =
        new Transcript(
            "t",
            "file:/t.txt",
            "sha",
            "text",
            List.of(
                new Utterance(0, "A", null, null, "Thanks."),
                new Utterance(1, "B", null, null, "one two three four five six")));

    ChunkPlan.Windows windows = new ChunkPlan(List.of(1, 2), 5).cut(transcript, WORDS_AS_TOKENS);

    assertEquals(List.of("t#L1-W0000"), windows.skipped());
    assertEquals(
        List.of("t#L1-W0001", "t#L2-W0000"), windows.kept().stream().map(Chunk::id).toList());
  }

  @Test
  void textNamesEachUtteranceAndTokensComeFromTheSizer() {
    Chunk chunk = new ChunkPlan(List.of(2), 0).cut(transcript(2), WORDS_AS_TOKENS).kept().get(0);

    assertEquals("[u0] S0: word0 a b\n[u1] S1: word1 a b", chunk.text());
    assertEquals(10, chunk.estimatedPromptTokens());
    assertEquals(List.of("S0", "S1"), chunk.speakers());
  }

  @Test
  void chunkIdsAreStableAcrossRuns() {
    List<String> first =
        new ChunkPlan(List.of(1, 5), 0)
            .cut(transcript(12), WORDS_AS_TOKENS).kept().stream().map(Chunk::id).toList();
    List<String> second =
        new ChunkPlan(List.of(1, 5), 0)
            .cut(transcript(12), WORDS_AS_TOKENS).kept().stream().map(Chunk::id).toList();

    assertEquals(first, second);
  }

  @Test
  void windowsAreNumberedLevelByLevel_andEachIsCutOnItsOwn() {
    Transcript transcript = transcript(7);
    ChunkPlan plan = new ChunkPlan(List.of(1, 3), 0);

    assertEquals(7 + 3, plan.windowCount(transcript));
    assertEquals("t#L1-W0006", plan.window(transcript, 6, WORDS_AS_TOKENS).chunk().id());
    assertEquals("t#L3-W0000", plan.window(transcript, 7, WORDS_AS_TOKENS).chunk().id());
    assertEquals("t#L3-W0002", plan.window(transcript, 9, WORDS_AS_TOKENS).chunk().id());
    assertThrows(
        IndexOutOfBoundsException.class, () -> plan.window(transcript, 10, WORDS_AS_TOKENS));
  }

  @Test
  void keptCount_isTheNumberOfWindowsLongEnoughToSend() {
    List<Utterance> utterances = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      utterances.add(new Utterance(i, "S", null, null, i % 3 == 0 ? "Yes." : "one two three four"));
    }
    Transcript transcript = new Transcript("t", "file:/t.txt", "sha", "text", utterances);
    ChunkPlan plan = new ChunkPlan(List.of(1, 2, 4), 4);

    ChunkPlan.Windows windows = plan.cut(transcript, WORDS_AS_TOKENS);

    assertEquals(windows.kept().size(), plan.keptCount(transcript));
    assertEquals(6 + 5 + 3, windows.kept().size());
    assertEquals(3, windows.skipped().size());
  }

  @Test
  void aSkippedWindowIsNotSized() {
    PromptSizer refuses =
        text -> {
          throw new AssertionError("sized a skipped window: " + text);
        };

    ChunkPlan.Window window = new ChunkPlan(List.of(1), 100).window(transcript(1), 0, refuses);

    assertEquals(false, window.kept());
  }

  @Test
  void levelsMustBeAscendingDistinctAndPositive() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(List.of(5, 1), 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(List.of(1, 1), 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(List.of(0), 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(List.of(), 0));
  }

  private static Transcript transcript(int utterances) {
    List<Utterance> list = new ArrayList<>();
    for (int i = 0; i < utterances; i++) {
      list.add(new Utterance(i, "S" + (i % 2), null, null, "word" + i + " a b"));
    }
    return new Transcript("t", "file:/t.txt", "sha", "text", list);
  }
}
