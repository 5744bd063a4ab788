package dev.beliefs.extract.offline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Scores pinned as the rules gave them before their word tables moved to their own classes. */
class SentenceSignalsTest {

  private static final double EXACT = 1e-12;

  @Test
  void aStanceWithAnEvaluationAndACause_scoresAsABelief() {
    assertEquals(
        4.5,
        SentenceSignals.score(
            "I think this is a remarkable accomplishment because it lets you see the whole"
                + " planet."),
        EXACT);
  }

  @Test
  void eachKindOfSignalCountsAtMostTwice() {
    assertEquals(
        4.2,
        SentenceSignals.score(
            "It’s great, great, great, great and good and so important to me, I think."),
        EXACT);
  }

  @Test
  void normativeAndPredictiveSentences_scoreByTheirWords() {
    assertEquals(
        2.0,
        SentenceSignals.score(
            "You need observability, and you should have it from the start of the project."),
        EXACT);
    assertEquals(
        3.0,
        SentenceSignals.score(
            "Space exploration will be better than anything we have done so far, really."),
        EXACT);
  }

  @Test
  void questionsNarrationFragmentsAndGreetings_scoreBelowTheThreshold() {
    assertEquals(-9.0, SentenceSignals.score("Do you want to talk about the podcast episode now?"));
    assertEquals(
        -0.1,
        SentenceSignals.score("So I went to the store and then I bought a very nice coffee."),
        EXACT);
    assertEquals(
        -1.0, SentenceSignals.score("The rocket is big but the crew was tired and the"), EXACT);
    assertEquals(-4.5, SentenceSignals.score("Hello there."), EXACT);
  }

  @Test
  void aRhetoricalQuestion_isNotPenalisedAsAQuestion() {
    assertEquals(
        1.5,
        SentenceSignals.score(
            "What better vantage point than space to watch the planet we live on?"),
        EXACT);
  }
}
