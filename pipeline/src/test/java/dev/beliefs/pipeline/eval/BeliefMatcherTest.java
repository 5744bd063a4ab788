package dev.beliefs.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.pipeline.eval.BeliefMatcher.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeliefMatcherTest {

  private static final String TRANSCRIPT =
      String.join(
          "\n",
          "**Gary Jordan (Host):** Welcome to the show. I think the teachers are the real"
              + " innovators here, honestly.",
          "",
          "**Kay Taylor:** Some images feature a lot of clouds \\[laughter\\], because there",
          "   typically ARE clouds between the station and the Earth. That is just how it is.");

  private static List<Match> match(List<Prediction> predictions, List<Reference> references) {
    return BeliefMatcher.match(
        NormalisedText.of(TRANSCRIPT),
        Evaluation.aliases(TRANSCRIPT, predictions, references),
        predictions,
        references);
  }

  private static Prediction prediction(String speaker, String... quotes) {
    return new Prediction(speaker, "affirms", List.of(1), List.of(quotes));
  }

  private static Reference reference(String speaker, String quote) {
    return new Reference("t", speaker, quote, "s", "affirms", true, 1);
  }

  @Test
  void sameWordsDifferentCaseWhitespaceAndEscapes_match() {
    List<Match> matches =
        match(
            List.of(
                prediction(
                    "kay taylor",
                    "Some images feature a lot of clouds [laughter], because there typically are"
                        + " clouds")),
            List.of(reference("Kay Taylor", "feature a lot of clouds \\[laughter\\], because")));

    assertEquals(1, matches.size());
  }

  @Test
  void roleIsAnAliasOfTheNameItWasGivenTo_inBothDirections() {
    Reference byRole = reference("Host", "the teachers are the real innovators");
    Reference byName = reference("Gary Jordan", "the teachers are the real innovators");

    assertEquals(
        1,
        match(List.of(prediction("Gary Jordan", "I think the teachers")), List.of(byRole)).size());
    assertEquals(
        1,
        match(List.of(prediction("Host", "teachers are the real innovators here")), List.of(byName))
            .size());
    assertEquals(
        1,
        match(
                List.of(prediction("**Gary Jordan (Host)**", "the real innovators here")),
                List.of(byRole))
            .size());
  }

  @Test
  void otherSpeaker_doesNotMatch() {
    assertEquals(
        List.of(),
        match(
            List.of(prediction("Kay Taylor", "the teachers are the real innovators")),
            List.of(reference("Host", "the teachers are the real innovators"))));
  }

  @Test
  void overlapOfExactlyHalfTheShorterSpan_matches_andJustUnderHalf_doesNot() {
    // "the teachers are the real innovators" is 36 characters; its first 18 are "the teachers are
    // t".
    Reference reference = reference("Host", "the teachers are the real innovators");

    assertEquals(
        1,
        match(
                List.of(prediction("Host", "Welcome to the show. I think the teachers are t")),
                List.of(reference))
            .size());
    assertEquals(
        List.of(),
        match(
            List.of(prediction("Host", "Welcome to the show. I think the teachers are ")),
            List.of(reference)));
  }

  @Test
  void quoteNotInTheTranscript_orNotOverlapping_doesNotMatch() {
    Reference reference = reference("Kay Taylor", "That is just how it is.");

    assertEquals(
        List.of(),
        match(
            List.of(
                prediction("Kay Taylor", "That is just how it is, believe me."),
                prediction("Kay Taylor", "Some images feature a lot of clouds")),
            List.of(reference)));
  }

  @Test
  void oneToOne_largestOverlapFirst() {
    Prediction wide =
        prediction("Kay Taylor", "typically are clouds between the station and the Earth");
    Prediction narrow = prediction("Kay Taylor", "clouds between the station");
    Reference clouds = reference("Kay Taylor", "clouds between the station and the Earth. That is");

    List<Match> matches = match(List.of(narrow, wide), List.of(clouds));

    assertEquals(
        List.of(new Match(1, 0, "clouds between the station and the earth".length())), matches);
  }

  @Test
  void aPredictionWithTwoQuotes_takesTheReferenceOfItsBestQuote_andLeavesTheOtherToAnother() {
    Prediction both =
        prediction("Kay Taylor", "Some images feature a lot of clouds", "That is just how it is.");
    Prediction how = prediction("Kay Taylor", "That is just how it is.");
    Reference images = reference("Kay Taylor", "Some images feature a lot of clouds");
    Reference howItIs = reference("Kay Taylor", "That is just how it is.");

    List<Match> matches = match(List.of(both, how), List.of(images, howItIs));

    assertEquals(2, matches.size());
  }
}
