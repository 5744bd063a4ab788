package dev.beliefs.parse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.formats.LabelledTextFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which lines of plain text start a speaker's turn, decided from the whole file. */
class SpeakerLabelsTest {

  private final LabelledTextFormat format = new LabelledTextFormat();

  @Test
  void aSpeakerLabelledOnlyOnce_isASpeaker() throws Exception {
    String text =
        """
        Ana Lopez: Welcome back. Today we ask whether remote work is here to stay.

        Ben Okafor: I think it is. Offices will shrink.

        Sam Rivera: I don't think remote work is here to stay. People miss each other.

        Ana Lopez: Strong words from our producer.
        """;

    List<Utterance> utterances = format.parse(text);

    assertEquals(
        List.of("Ana Lopez", "Ben Okafor", "Sam Rivera", "Ana Lopez"), speakers(utterances));
    assertEquals(
        "I don't think remote work is here to stay. People miss each other.",
        utterances.get(2).text());
  }

  @Test
  void aRepeatedLineEndingInAColon_isSpeechNotASpeaker() throws Exception {
    String text =
        """
        Ana: So what matters most?
        Ben: The key is:
        patience, and then more patience.
        Ana: And after that?
        Ben: The key is:
        listening.
        """;

    List<Utterance> utterances = format.parse(text);

    assertEquals(List.of("Ana", "Ben", "Ana", "Ben"), speakers(utterances));
    assertEquals("The key is: patience, and then more patience.", utterances.get(1).text());
    assertEquals("The key is: listening.", utterances.get(3).text());
  }

  @Test
  void aLabelShapeInsideAParagraph_ofATranscriptWithParagraphTurns_isSpeech() throws Exception {
    String text =
        """
        Ana Lopez: Tell us the plan.

        Ben Okafor: It has three parts.
        Phase One: we hire.
        Then we build.

        Ana Lopez: Good.
        """;

    List<Utterance> utterances = format.parse(text);

    assertEquals(List.of("Ana Lopez", "Ben Okafor", "Ana Lopez"), speakers(utterances));
    assertEquals(
        "It has three parts. Phase One: we hire. Then we build.", utterances.get(1).text());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[00:00:03] Ana Lopez: First words.|Ana Lopez|3.0",
        "00:00:03 Ana Lopez: First words.|Ana Lopez|3.0",
        "(00:00:03) Ana Lopez: First words.|Ana Lopez|3.0",
        "Ana Lopez [00:00:03]: First words.|Ana Lopez|3.0",
        "**Ana Lopez** [00:00:03]: First words.|Ana Lopez|3.0",
        "Speaker 1 (00:03): First words.|Speaker 1|3.0",
        "[01:02:03.5] Ana Lopez: First words.|Ana Lopez|3723.5",
        "Ana Lopez：First words.|Ana Lopez|",
        "张伟：First words.|张伟|",
        "ana: First words.|ana|",
      })
  void timestampAndLabelVariants_areReadWithTheirTimes(String first, String speaker, Double start)
      throws Exception {
    String second = first.replace("First words.", "Second words.").replace("03", "09");
    String other =
        speaker.equals("ana")
            ? "ben: A reply."
            : speaker.equals("张伟") ? "李娜：A reply." : "Ben Okafor: A reply.";

    List<Utterance> utterances = format.parse(first + "\n" + other + "\n" + second + "\n");

    assertEquals(3, utterances.size(), utterances.toString());
    assertEquals(speaker, utterances.get(0).speaker());
    assertEquals("First words.", utterances.get(0).text());
    assertEquals(start, utterances.get(0).startSeconds());
    assertEquals("Second words.", utterances.get(2).text());
  }

  @Test
  void headingsInCapitals_andEditorsNotes_areNotSpeech() throws Exception {
    String text =
        """
        CHIEF JUSTICE ROBERTS: We'll hear argument first this morning.
        ORAL ARGUMENT OF ROBERT A. LONG
        ON BEHALF OF THE PETITIONERS
        MR. LONG: Mr. Chief Justice, and may it please the Court: the statute is clear.
        [EXCERPT ENDS AT 00:12:04]
        (Laughter.)
        JUSTICE KAGAN: Is it? [Editor's note: the Justice smiled.] I doubt it.
        """;

    List<Utterance> utterances = format.parse(text);

    assertEquals(
        List.of("CHIEF JUSTICE ROBERTS", "MR. LONG", "JUSTICE KAGAN"), speakers(utterances));
    assertEquals("We'll hear argument first this morning.", utterances.get(0).text());
    assertEquals(
        "Mr. Chief Justice, and may it please the Court: the statute is clear.",
        utterances.get(1).text());
    assertEquals("Is it? I doubt it.", utterances.get(2).text());
  }

  @Test
  void lowercaseLabels_countOnlyWhereTheFileNamesSpeakersThatWay() throws Exception {
    List<Utterance> chat = format.parse("alice: hi there\nbob: hello\nalice: bye\n");
    List<Utterance> prose = format.parse("Ana: We met.\nsee: the notes are online\nBen: Thanks.\n");

    assertEquals(List.of("alice", "bob", "alice"), speakers(chat));
    assertEquals(List.of("Ana", "Ben"), speakers(prose));
    assertEquals("We met. see: the notes are online", prose.get(0).text());
  }

  private static List<String> speakers(List<Utterance> utterances) {
    return utterances.stream().map(Utterance::speaker).toList();
  }
}
