package dev.beliefs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Stance;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.LabelledTextFormat;
import dev.beliefs.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OfflineBeliefRulesTest {

  @Test
  void nasaTranscript_findsTheGuestsAndTheHostsStatedViewsWithVerbatimQuotes() throws Exception {
    List<Utterance> utterances =
        new LabelledTextFormat()
            .parse(TestData.text(TestData.conversation("nasa-hwhap-ep218.txt")));

    List<ModelBelief> beliefs = OfflineBeliefRules.find(utterances);

    Map<String, List<ModelBelief>> bySpeaker =
        beliefs.stream().collect(Collectors.groupingBy(ModelBelief::speaker));
    assertTrue(bySpeaker.get("Kay Taylor").size() >= 5, beliefs.toString());
    assertTrue(bySpeaker.get("Gary Jordan").size() >= 2, beliefs.toString());
    for (ModelBelief belief : beliefs) {
      String spoken = utterances.get(belief.utteranceIndex()).text();
      assertTrue(spoken.contains(belief.evidenceQuote()), belief.toString());
      assertEquals(belief.speaker(), utterances.get(belief.utteranceIndex()).speaker());
    }
    assertTrue(
        beliefs.stream()
            .anyMatch(
                b ->
                    b.speaker().equals("Kay Taylor")
                        && b.statement()
                            .equals(
                                "Sally embodied where space exploration quickly was headed: expanded"
                                    + " opportunity, expanded horizons.")),
        beliefs.toString());
  }

  @Test
  void markerSetsStanceAndConfidence_andFirstPersonBecomesTheSpeaker() {
    List<ModelBelief> beliefs =
        OfflineBeliefRules.find(
            List.of(
                new Utterance(
                    0, "Ana", null, null, "I'm convinced that remote classes help shy students."),
                new Utterance(
                    1, "Ben", null, null, "I don't think the camera will ever be upgraded."),
                new Utterance(
                    2,
                    "Ana",
                    null,
                    null,
                    "I'm not sure whether my students would agree with that idea."),
                new Utterance(
                    3, "Ben", null, null, "I think maybe the program should expand abroad.")));

    assertEquals(4, beliefs.size(), beliefs.toString());
    assertEquals(
        new ModelBelief(
            "Ana",
            "Remote classes help shy students.",
            Stance.AFFIRMS,
            0.9,
            "remote classes",
            "I'm convinced that remote classes help shy students.",
            0),
        beliefs.get(0));
    assertEquals(Stance.DENIES, beliefs.get(1).stance());
    assertEquals("The camera will ever be upgraded.", beliefs.get(1).statement());
    assertEquals(Stance.UNSURE, beliefs.get(2).stance());
    assertEquals("Ana's students would agree with that idea.", beliefs.get(2).statement());
    assertEquals(0.6, beliefs.get(3).confidence());
  }

  @Test
  void questionsGreetingsAndShortClauses_holdNoBelief() {
    List<ModelBelief> beliefs =
        OfflineBeliefRules.find(
            List.of(
                new Utterance(0, "Ana", null, null, "Do you think the program works?"),
                new Utterance(1, "Ben", null, null, "Thanks for having me. I think so."),
                new Utterance(
                    2, "Ana", null, null, "I think you said sixty countries took part.")));

    assertEquals(List.of(), beliefs);
  }
}
