package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputPatternsTest {

  @Test
  void commasSeparatePatterns_butNotInsideBraces() {
    assertEquals(
        List.of("a/*.txt", "b/x.vtt", "b/y.vtt", "c/**"),
        InputPatterns.of("a/*.txt, b/{x,y}.vtt,c/**"));
  }

  @Test
  void nestedBracesExpandToEveryAlternative() {
    assertEquals(List.of("d/a.txt", "d/b1.txt", "d/b2.txt"), InputPatterns.of("d/{a,b{1,2}}.txt"));
  }

  @Test
  void aPatternGivenTwiceIsKeptOnce_andAnUnclosedBraceStaysAsWritten() {
    assertEquals(List.of("a/*.txt", "x{y"), InputPatterns.of("a/*.txt,a/*.txt,x{y"));
  }

  @Test
  void theRootOfSeveralPatternsIsTheirCommonDirectory() {
    assertEquals("/data/shows/", InputPatterns.root("/data/shows/a/*.txt,/data/shows/b/{x,y}.vtt"));
    assertEquals("/data/shows/a/", InputPatterns.root("/data/shows/a/{x,y}.vtt"));
  }
}
