package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttFormatTest {

  private final WebVttFormat format = new WebVttFormat();

  @Test
  void voiceSpans_closedOrNot_withClasses_severalInOneCue() throws Exception {
    String vtt =
        """
        WEBVTT

        00:00:01.000 --> 00:00:02.500
        <v.loud Ann Lee>Tom &amp; Jerry</v> <v Bob>Hi &lt;there&gt;

        00:00:03.000 --> 00:00:04.000
        and more from Bob.

        00:00:04.000 --> 00:00:05.000
        <v Ann Lee>Back to me.</v>
        """;

    assertEquals(
        List.of(
            new Utterance(0, "Ann Lee", 1.0, 2.5, "Tom & Jerry"),
            new Utterance(1, "Bob", 1.0, 4.0, "Hi <there> and more from Bob."),
            new Utterance(2, "Ann Lee", 4.0, 5.0, "Back to me.")),
        format.parse(vtt));
  }

  @Test
  void headerStyleRegionNoteBlocksCueIdentifiersAndSettings_areNotSpeech() throws Exception {
    String vtt =
        """
        WEBVTT - a title
        Kind: captions
        Language: en

        STYLE
        ::cue(v[voice="Ann"]) { color: red }

        REGION
        id:fred width:40%

        NOTE a comment
        over two lines

        intro
        00:01.000 --> 00:02.000 align:start position:10% line:0 region:fred
        <v Ann>[Music] Welcome <i>laughs</i> <i>everyone</i>.

        2
        00:00:02.000 --> 00:00:03.000
        Glad you came.
        """;

    assertEquals(
        List.of(
            new Utterance(0, "Ann", 1.0, 2.0, "Welcome everyone."),
            new Utterance(1, "Ann", 2.0, 3.0, "Glad you came.")),
        format.parse(vtt));
  }

  @Test
  void cuesBeforeAnyVoice_areSpeaker_andLaterCuesWithoutOneContinueTheLastVoice() throws Exception {
    String vtt =
        """
        WEBVTT

        00:00.000 --> 00:01.000
        Announcer text.

        00:01.000 --> 00:02.000
        <v Kay>Hello.

        00:02.000 --> 00:03.000
        Still Kay.
        """;

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 0.0, 1.0, "Announcer text."),
            new Utterance(1, "Kay", 1.0, 2.0, "Hello."),
            new Utterance(2, "Kay", 2.0, 3.0, "Still Kay.")),
        format.parse(vtt));
  }

  @Test
  void captionsThatDoNotRoll_keepARepeatedLine() throws Exception {
    String vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\n";

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 1.0, 2.0, "No."),
            new Utterance(1, "Speaker", 2.0, 3.0, "No.")),
        format.parse(vtt));
  }

  @Test
  void brokenTimestamp_failsNamingTheLine() {
    String vtt = "WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\n<v A>Hi.\n";

    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> format.parse(vtt));

    assertEquals("bad_timestamp", failure.reason());
    assertTrue(failure.getMessage().startsWith("line 3: '00:00:0x.000"), failure.getMessage());
  }

  @Test
  void timingThatEndsBeforeItStarts_orHasSixtyOneSeconds_fails() {
    for (String timing : List.of("00:00:05.000 --> 00:00:01.000", "00:61.000 --> 01:02.000")) {
      TranscriptParseException failure =
          assertThrows(
              TranscriptParseException.class,
              () -> format.parse("WEBVTT\n\n" + timing + "\nHi.\n"));

      assertEquals("bad_timestamp", failure.reason(), timing);
    }
  }

  @Test
  void noCues_orOnlySoundCues_fail() {
    TranscriptParseException noCues =
        assertThrows(
            TranscriptParseException.class, () -> format.parse("WEBVTT\n\nNOTE nothing here\n"));
    TranscriptParseException noSpeech =
        assertThrows(
            TranscriptParseException.class,
            () -> format.parse("WEBVTT\n\n00:01.000 --> 00:02.000\n[Music]\n<i>Applause</i>\n"));

    assertEquals("no_cues", noCues.reason());
    assertEquals("no_speech", noSpeech.reason());
  }

  @Test
  void claimsVttNamesAndAnyFileThatStartsWithTheHeader() {
    assertTrue(format.claims("talk.en.VTT", ""));
    assertTrue(format.claims("talk", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi"));
    assertTrue(format.claims("talk.txt", "WEBVTT - title\n"));
    assertFalse(format.claims("talk.txt", "WEBVTTX\n"));
    assertFalse(format.claims("talk.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi"));
  }
}
