package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrtFormatTest {

  private final SrtFormat format = new SrtFormat();

  @Test
  void diarizersSpeakerLabels_startThatSpeakersSpeech_andCarryOverToUnlabelledCues()
      throws Exception {
    String srt =
        """
        1
        00:00:01,000 --> 00:00:02,000
        [SPEAKER_00]: <i>Hello</i> there.

        2
        00:00:02,000 --> 00:00:03,500
        Speaker 1: I think so.
        [speaker 2]
        <font color="#fff">Me too.</font>

        3
        00:00:03,500 --> 00:00:04,000
        {\\an8}Still two.
        """;

    assertEquals(
        List.of(
            new Utterance(0, "SPEAKER_00", 1.0, 2.0, "Hello there."),
            new Utterance(1, "Speaker 1", 2.0, 3.5, "I think so."),
            new Utterance(2, "Speaker 2", 2.0, 4.0, "Me too. Still two.")),
        format.parse(srt));
  }

  @Test
  void whitespaceOnlySeparators_andAMissingBlankLine_stillSeparateCues() throws Exception {
    String srt =
        "1\n00:00:01,000 --> 00:00:02,000\nFirst.\n   \n2\n00:00:02,000 --> 00:00:03,000\n"
            + "Second.\n3\n00:00:03,000 --> 00:00:04,000\nThird.\n";

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 1.0, 2.0, "First."),
            new Utterance(1, "Speaker", 2.0, 3.0, "Second."),
            new Utterance(2, "Speaker", 3.0, 4.0, "Third.")),
        format.parse(srt));
  }

  @Test
  void brokenTimestamp_fails() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> format.parse("1\n00:00:01,000 --> 00:00:xx,000\nHi.\n"));

    assertEquals("bad_timestamp", failure.reason());
    assertTrue(failure.getMessage().startsWith("line 2:"), failure.getMessage());
  }

  @Test
  void claimsSrtNamesAndFilesThatOpenLikeSrt() {
    assertTrue(format.claims("a.SRT", ""));
    assertTrue(format.claims("a.txt", "\n1\n00:00:01,000 --> 00:00:02,000\nHi"));
    assertTrue(format.claims("a.txt", "1\n00:00:01,000 --> 00:00:02,000\nHi"));
    assertFalse(format.claims("a.txt", "1\nAlice: 00:00:01,000 --> no"));
    assertFalse(format.claims("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi"));
  }
}
