package dev.beliefs.extract.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BeliefAnswerTest {

  @Test
  void writtenAnswerReadsBackIdentically() throws Exception {
    List<ModelBelief> beliefs =
        List.of(
            new ModelBelief("A", "S.", "affirms", 0.75, "t", "q", 3),
            new ModelBelief("B", "T.", "denies", 0.5, "u", "r", 4));

    assertEquals(beliefs, BeliefAnswer.parse(BeliefAnswer.write(beliefs)));
  }

  @Test
  void confidenceOutsideZeroToOne_isClamped() throws Exception {
    String answer =
        "{\"beliefs\":[{\"speaker\":\"A\",\"statement\":\"S.\",\"stance\":\"affirms\",\"confidence\":1.7,"
            + "\"topic\":\"t\",\"evidence_quote\":\"q\",\"utterance_index\":1}]}";

    assertEquals(1.0, BeliefAnswer.parse(answer).get(0).confidence());
  }

  @Test
  void answersOffTheSchema_areMalformed() {
    assertThrows(
        MalformedAnswerException.class, () -> BeliefAnswer.parse("{\"beliefs\": [ {\"speaker\": "));
    assertThrows(MalformedAnswerException.class, () -> BeliefAnswer.parse("{\"claims\": []}"));
    assertThrows(MalformedAnswerException.class, () -> BeliefAnswer.parse("null"));
    assertThrows(
        MalformedAnswerException.class,
        () ->
            BeliefAnswer.parse(
                "{\"beliefs\":[{\"speaker\":\"A\",\"statement\":\"S.\",\"stance\":\"maybe\",\"confidence\":1,"
                    + "\"topic\":\"t\",\"evidence_quote\":\"q\",\"utterance_index\":1}]}"));
    assertThrows(
        MalformedAnswerException.class,
        () ->
            BeliefAnswer.parse(
                "{\"beliefs\":[{\"speaker\":\"A\",\"statement\":\"S.\",\"stance\":\"affirms\",\"confidence\":1,"
                    + "\"topic\":\"t\",\"utterance_index\":1}]}"));
  }
}
