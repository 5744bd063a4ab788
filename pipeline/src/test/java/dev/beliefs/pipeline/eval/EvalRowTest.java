package dev.beliefs.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EvalRowTest {

  @Test
  void ratiosOfTheCounts_f1OfPrecisionAndCoreRecall_levelsOfTheMatches() {
    List<Prediction> predictions =
        List.of(
            new Prediction("A", "affirms", List.of(1, 5), List.of("q")),
            new Prediction("A", "denies", List.of(5), List.of("q")),
            new Prediction("A", "affirms", List.of(1), List.of("q")),
            new Prediction("A", "affirms", List.of(1), List.of("q")));
    List<Reference> references =
        List.of(
            new Reference("t", "A", "q", "s", "affirms", true, 1),
            new Reference("t", "A", "q", "s", "affirms", false, 2),
            new Reference("t", "A", "q", "s", "affirms", true, 3),
            new Reference("t", "A", "q", "s", "affirms", true, 4),
            new Reference("t", "A", "q", "s", "affirms", true, 5));
    List<BeliefMatcher.Match> matches =
        List.of(new BeliefMatcher.Match(0, 0, 9), new BeliefMatcher.Match(1, 1, 9));

    EvalRow row = EvalRow.of("t", Tally.of(predictions, references, matches));

    assertEquals(0.5, row.precision());
    assertEquals(0.25, row.recallCore());
    assertEquals(0.4, row.recallAll());
    assertEquals(0.3333, row.f1());
    assertEquals(0.5, row.stanceAgreement());
    assertEquals(new TreeMap<>(Map.of(1, 1L, 5, 2L)), row.levels());
  }

  @Test
  void nothingPredicted_precisionAndF1AreUndefined_recallIsZero() {
    EvalRow row =
        EvalRow.of(
            "t",
            Tally.of(
                List.of(),
                List.of(new Reference("t", "A", "q", "s", "affirms", true, 1)),
                List.of()));

    assertNull(row.precision());
    assertNull(row.f1());
    assertNull(row.stanceAgreement());
    assertEquals(0.0, row.recallCore());
  }
}
