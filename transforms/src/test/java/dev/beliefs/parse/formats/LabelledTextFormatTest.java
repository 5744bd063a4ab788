package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.testing.TestData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelledTextFormatTest {

  private final LabelledTextFormat format = new LabelledTextFormat();

  @Test
  void nasaTranscript_roleLabelResolvesToTheNamedHost() throws Exception {
    List<Utterance> utterances =
        format.parse(TestData.text(TestData.conversation("nasa-hwhap-ep218.txt")));

    // 44 labelled lines: "Gary Jordan (Host):" once, "Host:" 22 times, "Kay Taylor:" 21 times.
    assertEquals(44, utterances.size());
    assertEquals(Set.of("Gary Jordan", "Kay Taylor"), speakers(utterances));
    assertEquals("Gary Jordan", utterances.get(0).speaker());
    assertTrue(utterances.get(0).text().startsWith("Houston, we have a podcast!"));
    assertEquals("Gary Jordan", utterances.get(1).speaker());
    assertEquals(
        "Kay Taylor, thanks so much for coming on Houston We have a Podcast today.",
        utterances.get(1).text());
    assertEquals(21, utterances.stream().filter(u -> u.speaker().equals("Kay Taylor")).count());
    assertEquals(23, utterances.stream().filter(u -> u.speaker().equals("Gary Jordan")).count());
  }

  @Test
  void nasaTranscript_musicCuesAreNotSpeechButEditorialBracketsStay() throws Exception {
    List<Utterance> utterances =
        format.parse(TestData.text(TestData.conversation("nasa-hwhap-ep218.txt")));

    assertTrue(utterances.stream().noneMatch(u -> u.text().contains("Music")));
    assertTrue(utterances.stream().noneMatch(u -> u.text().contains("[Laughter]")));
    assertTrue(utterances.stream().anyMatch(u -> u.text().contains("NASA Johnson [Space Center]")));
    assertTrue(utterances.stream().allMatch(u -> u.startSeconds() == null));
  }

  @Test
  void gotimeMarkdown_boldLabelsContinuationsTimestampsAndLaughter() throws Exception {
    List<Utterance> utterances =
        format.parse(TestData.text(TestData.conversation("gotime-150-excerpt.md")));

    // 56 bold-labelled turns, plus 3 unlabelled paragraphs that start with a timestamp.
    assertEquals(59, utterances.size());
    assertEquals(
        Set.of("Mat Ryer", "Johnny Boursiquot", "Aaron Schlesinger", "Jon Calhoun"),
        speakers(utterances));
    assertEquals("Oh, that's good. That's good today.", utterances.get(4).text());
    assertTrue(utterances.stream().noneMatch(u -> u.text().contains("laughter")));
    assertTrue(utterances.stream().noneMatch(u -> u.text().contains("**")));

    Utterance etymology =
        utterances.stream().filter(u -> u.startSeconds() != null).findFirst().orElseThrow();
    assertEquals("Mat Ryer", etymology.speaker());
    assertEquals(3 * 60 + 54.26, etymology.startSeconds(), 1e-9);
    assertTrue(etymology.text().startsWith("Well, speaking of etymology"));

    List<Double> starts =
        utterances.stream().map(Utterance::startSeconds).filter(s -> s != null).toList();
    assertEquals(List.of(234.26, 499.26, 708.14, 971.08), starts);
  }

  @Test
  void gotimeMarkdown_unlabelledParagraphContinuesThePreviousSpeaker() throws Exception {
    List<Utterance> utterances =
        format.parse(TestData.text(TestData.conversation("gotime-150-excerpt.md")));

    Utterance split =
        utterances.stream()
            .filter(u -> Double.valueOf(499.26).equals(u.startSeconds()))
            .findFirst()
            .orElseThrow();
    Utterance before = utterances.get(split.index() - 1);
    assertEquals(before.speaker(), split.speaker());
    assertTrue(before.text().contains("And then, what started to happen is that"), before.text());
  }

  @Test
  void utteranceIndexesCountFromZeroWithoutGaps() throws Exception {
    List<Utterance> utterances =
        format.parse(TestData.text(TestData.conversation("gotime-150-excerpt.md")));

    for (int i = 0; i < utterances.size(); i++) {
      assertEquals(i, utterances.get(i).index());
    }
  }

  @Test
  void aColonOnceInProseIsNotASpeakerLabel() throws Exception {
    String text =
        "Alice: Hello there.\nNote: this is part of what Alice says.\nBob: Hi.\nAlice: Bye now.\nBob: Bye.\n";

    List<Utterance> utterances = format.parse(text);

    assertEquals(4, utterances.size());
    assertEquals("Hello there. Note: this is part of what Alice says.", utterances.get(0).text());
  }

  @Test
  void linesBeforeTheFirstLabelAreLeftOut() throws Exception {
    List<Utterance> utterances =
        format.parse(
            "# Episode 12\nShow notes here.\n\nAlice: Hi.\nBob: Hello.\nAlice: Yes.\nBob: No.");

    assertEquals("Hi.", utterances.get(0).text());
    assertNull(utterances.get(0).startSeconds());
  }

  @Test
  void textWithoutSpeakerLabels_failsWithAnActionableReason() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> format.parse("just some prose without any labels.\nand another line.\n"));

    assertEquals("no_speaker_labels", failure.reason());
    assertTrue(failure.getMessage().contains("Name:"));
  }

  @Test
  void labelsFollowedOnlyByCues_failAsNoSpeech() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> format.parse("**Alice:** [laughter]\n**Bob:** [ Music]\n"));

    assertEquals("no_speech", failure.reason());
  }

  @Test
  void twoNamesClaimingOneRole_leaveTheRoleAsWritten() throws Exception {
    List<Utterance> utterances =
        format.parse(
            "Ann Lee (Host): Hi.\nBo Chen (Host): Hello.\nHost: Who am I?\nHost: Still unclear.");

    assertEquals(
        List.of("Ann Lee", "Bo Chen", "Host", "Host"),
        utterances.stream().map(Utterance::speaker).toList());
  }

  @Test
  void claimsTextAndMarkdownNamesOnly() {
    assertTrue(format.claims("a.txt", ""));
    assertTrue(format.claims("b.MD", ""));
    assertFalse(format.claims("c.json", ""));
  }

  private static Set<String> speakers(List<Utterance> utterances) {
    return utterances.stream().map(Utterance::speaker).collect(Collectors.toSet());
  }
}
