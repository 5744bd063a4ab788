package dev.beliefs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTest {

  @Test
  void parseRendered_readsBackTheUtterancesThatTextRendered() {
    List<Utterance> utterances =
        List.of(
            new Utterance(12, "Kay Taylor", 3.5, 9.0, "I think: the camera is the key."),
            new Utterance(13, "Host", null, null, "Cool."),
            new Utterance(14, "Kay Taylor", null, null, ""));
    Chunk chunk = new Chunk("t", "file:///t.txt", 5, 2, utterances, 0);

    List<Utterance> parsed = Chunk.parseRendered("Transcript excerpt:\n\n" + chunk.text());

    assertEquals(
        List.of(
            new Utterance(12, "Kay Taylor", null, null, "I think: the camera is the key."),
            new Utterance(13, "Host", null, null, "Cool."),
            new Utterance(14, "Kay Taylor", null, null, "")),
        parsed);
  }

  @Test
  void parseRendered_anUntaggedLineContinuesThePreviousUtterance() {
    List<Utterance> parsed = Chunk.parseRendered("[u0] Ana: First line\nsecond line\n[u1] Bo: Hi");

    assertEquals(
        List.of(
            new Utterance(0, "Ana", null, null, "First line\nsecond line"),
            new Utterance(1, "Bo", null, null, "Hi")),
        parsed);
  }

  @Test
  void parseRendered_textWithoutTaggedLinesHasNoUtterances() {
    assertEquals(List.of(), Chunk.parseRendered("Tell me a joke.\nPlease."));
  }
}
