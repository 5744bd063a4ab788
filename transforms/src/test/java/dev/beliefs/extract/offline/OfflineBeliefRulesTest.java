package dev.beliefs.extract.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.offline.rules.StanceMarkers;
import dev.beliefs.extract.offline.rules.StatementText;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Stance;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.formats.LabelledTextFormat;
import dev.beliefs.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OfflineBeliefRulesTest {

  @Test
  void nasaTranscript_findsBothSpeakersViewsWithVerbatimSentencesAsQuotes() throws Exception {
    List<Utterance> utterances =
        new LabelledTextFormat()
            .parse(TestData.text(TestData.conversation("nasa-hwhap-ep218.txt")));

    List<ModelBelief> beliefs = OfflineBeliefRules.find(utterances);

    Map<String, List<Integer>> citedBySpeaker =
        beliefs.stream()
            .collect(
                Collectors.groupingBy(
                    ModelBelief::speaker,
                    Collectors.mapping(ModelBelief::utteranceIndex, Collectors.toList())));
    assertEquals(
        Map.of(
            "Kay Taylor",
            List.of(
                4, 6, 8, 8, 8, 8, 8, 8, 12, 12, 14, 14, 20, 20, 20, 20, 20, 22, 26, 30, 30, 30, 32,
                34, 34, 34, 36, 36, 36, 38, 38, 38, 38),
            "Gary Jordan",
            List.of(5, 7, 31, 35, 39)),
        citedBySpeaker,
        beliefs.toString());
    for (ModelBelief belief : beliefs) {
      String spoken = utterances.get(belief.utteranceIndex()).text();
      assertTrue(spoken.contains(belief.evidenceQuote()), belief.toString());
      assertEquals(belief.speaker(), utterances.get(belief.utteranceIndex()).speaker());
      assertTrue(belief.evidenceQuote().split("\\s+").length >= 6, belief.toString());
    }
    assertTrue(
        beliefs.stream()
            .anyMatch(
                b ->
                    b.statement()
                        .equals(
                            "It's an elegantly elaborate, yet very practical program, that again"
                                + " allows school children access to real time science on the"
                                + " ISS.")),
        beliefs.toString());
  }

  @Test
  void evaluationsPredictionsNormsAndCauses_areBeliefs_withTheirStance() {
    List<ModelBelief> beliefs =
        OfflineBeliefRules.find(
            List.of(
                new Utterance(
                    0,
                    "Ana",
                    null,
                    null,
                    "Honestly, I'm convinced that remote classes are really great for shy"
                        + " students."),
                new Utterance(
                    1,
                    "Ben",
                    null,
                    null,
                    "I don't think the new camera will be better than the old one."),
                new Utterance(
                    2,
                    "Ana",
                    null,
                    null,
                    "With the new optics we may be able to push night photography, because it is"
                        + " hard today."),
                new Utterance(
                    3,
                    "Ben",
                    null,
                    null,
                    "Teams should break up a monolith only when they need to scale one piece, since it"
                        + " is complicated.")));

    assertEquals(4, beliefs.size(), beliefs.toString());
    assertEquals(
        new ModelBelief(
            "Ana",
            "Remote classes are really great for shy students.",
            Stance.AFFIRMS,
            0.95,
            "remote classes",
            "Honestly, I'm convinced that remote classes are really great for shy students.",
            0),
        beliefs.get(0));
    assertEquals(Stance.DENIES, beliefs.get(1).stance());
    assertEquals("The new camera will be better than the old one.", beliefs.get(1).statement());
    assertEquals(Stance.UNSURE, beliefs.get(2).stance());
    assertEquals(Stance.AFFIRMS, beliefs.get(3).stance());
  }

  @Test
  void fillersFalseStartsAndAsides_leaveTheStatement() {
    String spoken =
        "And, you know, some of the images -- I'm not going to lie -- feature a lot of clouds,"
            + " because there, there typically are clouds between the station and the Earth.";

    assertEquals(
        "Some of the images feature a lot of clouds, because there typically are clouds between"
            + " the station and the Earth.",
        StatementText.of(spoken, 0));
  }

  @Test
  void aStanceMarkerOpeningTheSentence_leavesTheStatement_unlessWhatFollowsIsAFragment() {
    String marked = "So I think that teachers are the real innovators here.";
    String fragment = "I think about it every day, honestly.";

    assertEquals(
        "Teachers are the real innovators here.",
        StatementText.of(marked, StanceMarkers.read(marked).markerEnd()));
    assertEquals(
        "I think about it every day, honestly.",
        StatementText.of(fragment, StanceMarkers.read(fragment).markerEnd()));
  }

  @Test
  void questionsGreetingsProcedureAndNarration_holdNoBelief() {
    List<ModelBelief> beliefs =
        OfflineBeliefRules.find(
            List.of(
                new Utterance(0, "Ana", null, null, "Do you think the program is really great?"),
                new Utterance(1, "Ben", null, null, "Thanks so much for having me on the podcast."),
                new Utterance(
                    2, "Ana", null, null, "I went to Huntsville and I was there for a week."),
                new Utterance(
                    3,
                    "Ben",
                    null,
                    null,
                    "I want to talk about the camera next, so let's move on.")));

    assertEquals(List.of(), beliefs);
  }
}
