package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.testing.TestData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Captions that name no speaker become utterances of about one sentence, so that chunk levels mean
 * what they mean for transcripts with turns. The sentence counts are a reader's count of the
 * samples' sentences, not the parser's.
 */
class SpeakerlessCaptionsTest {

  /**
   * The 28 sentences of the Deepgram paragraphs the sample was laid out from, of which two ("And I
   * can", "So not only does Stephanie") are cut off without a period and run into the next: 26.
   */
  private static final int YOUTUBE_SENTENCES = 26;

  /** Counted by hand in the 40 cues; the last, "So if you have experience ...", is unfinished. */
  private static final int SRT_SENTENCES = 21;

  @Test
  void youtubeRollingAutoCaptions_giveOneUtterancePerSentence_eachWordOnce() {
    Transcript transcript = parse("youtube_autocaption_punctuated_reconstructed_spacewalk.vtt");
    List<Utterance> utterances = transcript.utterances();

    assertTrue(utterances.size() >= YOUTUBE_SENTENCES, "utterances: " + utterances.size());
    assertEquals(sourceWords(), joined(utterances));
    assertTrue(utterances.stream().allMatch(u -> u.speaker().equals("Speaker")));
    assertEquals("And, Jessica, Christina, we are so proud of you.", utterances.get(0).text());
    assertEquals(3.04, utterances.get(0).startSeconds());
    assertEquals("Copy.", utterances.get(utterances.size() - 1).text());
    assertTrue(utterances.stream().noneMatch(u -> u.text().contains("<")));
    assertLevelsDiffer(transcript);
  }

  @Test
  void speakerlessSrtOf40Cues_givesAtLeastOneUtterancePerSentence() {
    Transcript transcript = parse("srt_no_speakers_podcastindex_example_first_40_cues.srt");
    List<Utterance> utterances = transcript.utterances();

    assertTrue(utterances.size() >= SRT_SENTENCES, "utterances: " + utterances.size());
    assertTrue(
        utterances.stream().anyMatch(u -> u.text().equals("Why should someone listen to you?")));
    assertEquals(0.179, utterances.get(0).startSeconds());
    assertTrue(utterances.stream().allMatch(u -> u.speaker().equals("Speaker")));
    assertLevelsDiffer(transcript);
  }

  @Test
  void aPauseOfMoreThanOneAndAHalfSeconds_endsAnUtterance() throws Exception {
    String srt =
        "1\n00:00:01,000 --> 00:00:02,000\nwe went to the\n\n"
            + "2\n00:00:02,100 --> 00:00:03,000\nshop and then\n\n"
            + "3\n00:00:05,000 --> 00:00:06,000\nit rained\n";

    List<Utterance> utterances = new SrtFormat().parse(srt);

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 1.0, 3.0, "we went to the shop and then"),
            new Utterance(1, "Speaker", 5.0, 6.0, "it rained")),
        utterances);
  }

  /** Every word of the sample's source sentences, once, in order. */
  private static String sourceWords() {
    return TestData.text(
            TestData.format("youtube_autocaption_punctuated_reconstructed_spacewalk.vtt"))
        .lines()
        .filter(line -> !line.contains("-->") && line.contains("<c>"))
        .map(line -> line.replaceAll("<[^>]*>", ""))
        .collect(Collectors.joining(" "));
  }

  private static void assertLevelsDiffer(Transcript transcript) {
    List<Chunk> chunks =
        new ChunkPlan(List.of(1, 5), 1).cut(transcript, ExtractionPrompt.sizer()).kept();
    List<List<Utterance>> level1 =
        chunks.stream().filter(c -> c.level() == 1).map(Chunk::utterances).toList();
    List<List<Utterance>> level5 =
        chunks.stream().filter(c -> c.level() == 5).map(Chunk::utterances).toList();
    assertEquals(transcript.utterances().size(), level1.size());
    assertTrue(level5.size() >= 2, "level-5 chunks: " + level5.size());
    assertNotEquals(level1, level5);
    assertTrue(level5.stream().allMatch(window -> window.size() <= 5));
    assertTrue(level5.stream().anyMatch(window -> window.size() == 5));
  }

  private static String joined(List<Utterance> utterances) {
    return utterances.stream().map(Utterance::text).collect(Collectors.joining(" "));
  }

  private static Transcript parse(String sample) {
    try {
      return new TranscriptParser(null)
          .parse("id", "/in/" + sample, TestData.bytes(TestData.format(sample)));
    } catch (TranscriptParseException e) {
      throw new AssertionError(sample + ": " + e.reason() + ": " + e.getMessage(), e);
    }
  }
}
