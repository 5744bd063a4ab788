package dev.beliefs.extract.offline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignalTest {

  private final Signal praise = Signal.words(1.5, "great", "don't", "problems?");

  @Test
  void aSignalCountsAtMostTwice() {
    assertEquals(1.5, praise.score("A great idea."));
    assertEquals(3.0, praise.score("A great idea, a great team."));
    assertEquals(3.0, praise.score("Great, great, great and great."));
  }

  @Test
  void wordsMatchWholeWordsInAnyCase_andTheirPatterns() {
    assertEquals(0.0, praise.score("The greatest show."));
    assertEquals(3.0, praise.score("GREAT problems."));
  }

  @Test
  void anApostropheAlsoMatchesATypographicOne() {
    assertEquals(1.5, praise.score("I don’t know."));
    assertEquals(1.5, praise.score("I don't know."));
  }

  @Test
  void aSentenceWithoutTheWords_scoresZero() {
    assertEquals(0.0, Signal.words(1.0, "hello").score("Good morning."));
  }
}
