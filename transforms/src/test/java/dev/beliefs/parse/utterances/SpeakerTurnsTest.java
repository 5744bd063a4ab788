package dev.beliefs.parse.utterances;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.model.Utterance;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerTurnsTest {

  @Test
  void consecutivePiecesOfOneSpeakerMerge_fromTheFirstStartToTheLatestEnd() {
    SpeakerTurns turns = new SpeakerTurns();
    turns.add("Ann", 1.0, 3.0, " Hello\n there. ");
    turns.add("Ann", 2.0, 2.5, "Overlapping.");
    turns.add("Bob", 2.8, 4.0, "Hi.");
    turns.add("Ann", null, null, "Back.");

    assertEquals(
        List.of(
            new Utterance(0, "Ann", 1.0, 3.0, "Hello there. Overlapping."),
            new Utterance(1, "Bob", 2.8, 4.0, "Hi."),
            new Utterance(2, "Ann", null, null, "Back.")),
        turns.utterances());
  }

  @Test
  void piecesWithoutSpeakerContinueTheLastOne_orAreSpeakerBeforeAny_andEmptyOnesAreSkipped() {
    SpeakerTurns turns = new SpeakerTurns();
    turns.add(null, 0.0, 1.0, "Intro.");
    turns.add(" ", 1.0, 2.0, "Still intro.");
    turns.add("Kay", 2.0, 3.0, "  ");
    turns.add(null, 3.0, 4.0, "Kay speaks.");

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 0.0, 2.0, "Intro. Still intro."),
            new Utterance(1, "Kay", 3.0, 4.0, "Kay speaks.")),
        turns.utterances());
  }

  @Test
  void bareLettersAndNumbersBecomeSpeakerN_otherLabelsStayAsWritten() {
    assertEquals("Speaker A", SpeakerTurns.name("A"));
    assertEquals("Speaker 0", SpeakerTurns.name("0"));
    assertEquals("Speaker 12", SpeakerTurns.name(" 12 "));
    assertEquals("SPEAKER_00", SpeakerTurns.name("SPEAKER_00"));
    assertEquals("Kay Taylor", SpeakerTurns.name("Kay  Taylor"));
  }
}
