package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeliefsJsonFormatTest {

  private final BeliefsJsonFormat format = new BeliefsJsonFormat();

  private static final String TRANSCRIPT =
      """
      {"title": "t", "utterances": [
        {"speaker": "Kay Taylor", "text": "  Thanks for   having me. ", "start_seconds": 12.5, "end_seconds": 14},
        {"speaker": "Host", "text": ""},
        {"speaker": "Host", "text": "Welcome."}
      ]}
      """;

  @Test
  void readsSpeakersTextAndTimes_skippingEmptyText() throws Exception {
    List<Utterance> utterances = format.parse(TRANSCRIPT);

    assertEquals(
        List.of(
            new Utterance(0, "Kay Taylor", 12.5, 14.0, "Thanks for having me."),
            new Utterance(1, "Host", null, null, "Welcome.")),
        utterances);
  }

  @Test
  void claimsItsOwnShapeByContentButNotOtherToolsJson() {
    assertTrue(format.claims("x.json", TRANSCRIPT));
    assertTrue(format.claims("saved-without-extension", TRANSCRIPT));
    assertFalse(format.claims("x.json", "Alice: {not json}"));
    assertFalse(
        format.claims(
            "assembly.json",
            "{\"utterances\": [{\"speaker\": \"A\", \"text\": \"hi\", \"start\": 10, \"end\": 900, \"words\": []}]}"));
    assertFalse(
        format.claims(
            "deepgram.json",
            "{\"results\": {\"utterances\": [{\"speaker\": 0, \"transcript\": \"hi\"}]}}"));
    assertFalse(
        format.claims("whisperx.json", "{\"segments\": [{\"speaker\": \"S\", \"text\": \"hi\"}]}"));
  }

  @Test
  void missingSpeaker_failsNamingTheEntry() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () ->
                format.parse(
                    "{\"utterances\": [{\"text\": \"hi\"}, {\"speaker\": \"\", \"text\": \"x\"}]}"));

    assertEquals("wrong_shape", failure.reason());
    assertTrue(failure.getMessage().contains("utterances[0].speaker"), failure.getMessage());
  }

  @Test
  void truncatedJson_failsAsInvalidJson() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> format.parse("{\"utterances\": [{\"speaker\": \"A\""));

    assertEquals("invalid_json", failure.reason());
  }

  @Test
  void negativeTime_isRejected() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () ->
                format.parse(
                    "{\"utterances\": [{\"speaker\": \"A\", \"text\": \"x\", \"start_seconds\": -1}]}"));

    assertEquals("wrong_shape", failure.reason());
    assertTrue(failure.getMessage().contains("start_seconds"), failure.getMessage());
  }
}
