package dev.beliefs.parse.utterances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.model.Words;
import dev.beliefs.parse.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongUtterancesTest {

  /** 100,799 characters: 2,100 sentences of 11 words and 48 characters with their space. */
  private static final String MONOLOGUE =
      "I think the moon is made of rock and dust here. ".repeat(2_100).strip();

  @Test
  void utterancesThatFit_areReturnedAsTheyAre() {
    List<Utterance> utterances = List.of(new Utterance(0, "A", 1.0, 2.0, "Short."));

    assertSame(utterances, LongUtterances.split(utterances));
  }

  @Test
  void a100000CharacterUtterance_isSplitAtSentenceEnds_intoPartsOfTheSameSpeakerThatFit() {
    assertEquals(100_799, MONOLOGUE.length());
    List<Utterance> split =
        LongUtterances.split(
            List.of(
                new Utterance(0, "Host", null, null, "Hi."),
                new Utterance(1, "Kay", 12.5, 900.0, MONOLOGUE),
                new Utterance(2, "Host", 901.0, null, "Thanks.")));

    List<Utterance> parts = split.subList(1, split.size() - 1);
    // 1,000 words hold 90 sentences (8,000 characters would hold 166): 23 parts of 90, one of 30.
    assertEquals(24, parts.size());
    assertEquals(990, Words.count(parts.get(0).text()));
    assertEquals(330, Words.count(parts.get(23).text()));
    for (int i = 0; i < split.size(); i++) {
      assertEquals(i, split.get(i).index());
    }
    for (Utterance part : parts) {
      assertEquals("Kay", part.speaker());
      assertEquals(12.5, part.startSeconds());
      assertEquals(900.0, part.endSeconds());
      assertTrue(part.text().length() <= LongUtterances.MAX_CHARS);
      assertTrue(Words.count(part.text()) <= LongUtterances.MAX_WORDS);
      assertTrue(part.text().startsWith("I think") && part.text().endsWith("here."));
    }
    assertEquals(MONOLOGUE, String.join(" ", parts.stream().map(Utterance::text).toList()));
    assertEquals("Thanks.", split.get(split.size() - 1).text());
  }

  @Test
  void textWithoutSentenceEnds_isSplitBetweenWords_andOneHugeWordAnywhere() {
    String words = "word ".repeat(2_500).strip();
    String blob = "x".repeat(20_000);

    assertEquals(List.of(1_000, 1_000, 500), wordCounts(LongUtterances.parts(words)));
    assertEquals(
        List.of(8_000, 8_000, 4_000),
        LongUtterances.parts(blob).stream().map(String::length).toList());
  }

  @Test
  void aTranscriptWithAHugeTurn_givesChunksThatAllFit() throws Exception {
    String text = "Host: Welcome.\nKay: " + MONOLOGUE + "\nHost: Thanks.\nKay: Bye.\n";
    Transcript transcript =
        new TranscriptParser(null).parse("t", "/in/t.txt", text.getBytes(StandardCharsets.UTF_8));

    List<Chunk> chunks =
        new ChunkPlan(List.of(1, 5), 0)
            .cut(transcript, chunkText -> 0).kept().stream()
                .filter(chunk -> chunk.level() == 1)
                .toList();

    assertEquals(3 + 24, chunks.size());
    assertTrue(chunks.stream().allMatch(chunk -> chunk.wordCount() <= LongUtterances.MAX_WORDS));
  }

  @Test
  void mergingPieces_closesATurnBeforeItGrowsPastTheLimit_atAPieceBoundary() {
    SpeakerTurns turns = new SpeakerTurns();
    String cue = "one two three four five six seven eight nine ten";
    for (int i = 0; i < 250; i++) {
      turns.add(null, i * 2.0, i * 2.0 + 2, cue);
    }

    List<Utterance> utterances = turns.utterances();

    assertEquals(
        List.of(1_000, 1_000, 500), wordCounts(utterances.stream().map(Utterance::text).toList()));
    assertEquals(0.0, utterances.get(0).startSeconds());
    assertEquals(200.0, utterances.get(0).endSeconds());
    assertEquals(200.0, utterances.get(1).startSeconds());
  }

  private static List<Integer> wordCounts(List<String> texts) {
    return texts.stream().map(Words::count).toList();
  }
}
