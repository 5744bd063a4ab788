package dev.beliefs.parse.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.parse.formats.SrtFormat;
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

  @Test
  void youtubeRollingAutoCaptions_giveOneUtterancePerSentence_eachWordOnce() {
    Transcript transcript = parse("youtube_autocaption_punctuated_reconstructed_spacewalk.vtt");
    List<Utterance> utterances = transcript.utterances();

    assertEquals(YOUTUBE_SENTENCES, utterances.size());
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

    // Sentences, cut also where the speaker pauses for more than 1.5 s ("Yes, no." / "One's
    // going to see you ..."); the last, "So if you have experience ...", is unfinished.
    assertEquals(
        List.of(
            "When you first get started in podcasting, it's almost guaranteed that you're going to make a handful of rookie mistakes, but that doesn't mean that you have to make all the mistakes.",
            "So in this special bonus podcast episode, we went back through the archives of the podcasting Q and a show, and five minute Mondays to pull together the 10 things we wish we knew before starting our very first podcast .",
            "Now, as you're listening to this episode, you'll hear some sound effects pop in from time to time.",
            "And that's simply because we pulled these clips from our YouTube channel, where we add animations and different sequences to help visually communicate the things we're discussing.",
            "So when those things pop up, that's what that is.",
            "If you are wondering, but they're not overly distracting.",
            "So you'll still be able to get the gist of what we're talking about and hopefully be able to take one of these things and implement it.",
            "Moving forward for your podcast to help you reach your goals, that much faster",
            "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good the content is, if your audio quality isn't good.",
            "It's unfortunately just going to turn them away.",
            "I know what you're thinking is you probably think you have to spend thousands of dollars on equipment or rent a podcasting studio just to make sure everything sounds great.",
            "And I'm here to tell you that's not true at all.",
            "I have created some pretty good audio from mic's that costs less than a hundred dollars.",
            "And I have also recorded in places like in my home office, even in the closet.",
            "Yes, no.",
            "One's going to see you unless you're recording video like this one , um , wherever you can just to muffle the sound is going to be really make that difference between air quality and good quality.",
            "Now, when you're creating your podcast intro, there's a couple of things that you want to make sure that you cover a couple of things that you want to make sure that you say the first one is who you are specifically, like, what is your name?",
            "So you can start.",
            "Your podcast is, Hey, welcome to my podcast.",
            "My name is Travis, Albritton, and then your credentials.",
            "Why should someone listen to you?",
            "So if you have experience in whatever you're talking about, you want to make sure that you mentioned that if you went to school for something, if you have a job doing something, if you have clients that you work with, you want to"),
        utterances.stream().map(Utterance::text).toList());
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
    assertEquals((level1.size() + 4) / 5, level5.size());
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
