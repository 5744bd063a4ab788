package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The samples of the podcast-native formats in {@code testdata/transcripts/formats/}, detected by
 * name and content and parsed. Expected values were read off the sample files by hand; four of them
 * hold the same spacewalk radio loop, so their speakers and texts must agree.
 */
class PodcastFormatSamplesTest {

  private static final String FIRST_SPACEWALK_TURN =
      "And, Jessica, Christina, we are so proud of you. You're gonna do great today. We'll be"
          + " waiting for you here in a couple hours when you get home. I'm gonna hand you over to"
          + " Stephanie now. Have a great, great EVA.";
  private static final String LAST_SPACEWALK_TURN =
      "We need it in pouch and DCM cover clothes. Copy.";

  @Test
  void podcastingJson_specExample_wordSegmentsMergeIntoTurns() {
    List<Utterance> utterances =
        parse("podcast_json_podcastindex_spec_example.json", "podcast-json");

    assertEquals(
        List.of(
            new Utterance(0, "Darth Vader", 0.5, 2.5, "I am your father."),
            new Utterance(1, "Luke", 2.75, 3.0, "Nooooo")),
        utterances);
  }

  @Test
  void podcastingHtml_specExample_citeTimeAndParagraphs() {
    List<Utterance> utterances =
        parse("podcast_html_podcastindex_spec_example.html", "podcast-html");

    // 10 <cite>/<time>/<p> monologues: Travis 0:00 ... Travis 11:31.
    assertEquals(10, utterances.size());
    assertEquals(
        List.of("Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah"),
        utterances.subList(0, 8).stream().map(Utterance::speaker).toList());
    assertEquals(0.0, utterances.get(0).startSeconds());
    assertTrue(
        utterances
            .get(0)
            .text()
            .startsWith("When you first get started in podcasting, it's almost guaranteed"));
    Utterance last = utterances.get(9);
    assertEquals("Travis", last.speaker());
    assertEquals(11 * 60 + 31.0, last.startSeconds());
    assertTrue(last.text().endsWith("the next best thing to do is to batch your episodes."));
  }

  @Test
  void podcastingSrt_specExample_namePrefixesStartTurns_andAreNotSpeech() {
    List<Utterance> utterances =
        parse("srt_speaker_names_podcastindex_spec_example.srt", "named-captions");

    assertEquals(10, utterances.size());
    assertEquals("Travis", utterances.get(0).speaker());
    assertEquals(0.179, utterances.get(0).startSeconds());
    assertTrue(utterances.get(0).text().startsWith("When you first get started in podcasting"));
    assertEquals("Sarah", utterances.get(1).speaker());
    assertTrue(utterances.get(1).text().startsWith("Creating good audio is"));
    assertEquals("Travis", utterances.get(9).speaker());
    assertEquals(691.49, utterances.get(9).startSeconds());
    assertTrue(
        utterances.stream().noneMatch(u -> u.text().matches(".*\\b(Travis|Sarah|Gilon):.*")));
  }

  @Test
  void zoomLayoutVtt_otterText_andMarkdownHeadings_readTheSameTurns() {
    for (String[] sample :
        List.of(
            new String[] {
              "webvtt_speaker_names_zoom_layout_reconstructed_spacewalk.vtt", "named-captions"
            },
            new String[] {"otter_txt_export_reconstructed_spacewalk.txt", "otter-text"},
            new String[] {
              "markdown_headings_descript_layout_reconstructed_spacewalk.md", "markdown-headings"
            })) {
      List<Utterance> utterances = parse(sample[0], sample[1]);

      assertEquals(10, utterances.size(), sample[0]);
      assertEquals(
          List.of("Drew", "Stephanie", "Drew", "Stephanie", "Commentator"),
          utterances.subList(0, 5).stream().map(Utterance::speaker).toList(),
          sample[0]);
      assertEquals(FIRST_SPACEWALK_TURN, utterances.get(0).text(), sample[0]);
      assertEquals(LAST_SPACEWALK_TURN, utterances.get(9).text(), sample[0]);
      assertEquals("Stephanie", utterances.get(9).speaker(), sample[0]);
    }
  }

  @Test
  void zoomLayoutVtt_keepsTheCueTimes() {
    List<Utterance> utterances =
        parse("webvtt_speaker_names_zoom_layout_reconstructed_spacewalk.vtt", "named-captions");

    assertEquals(3.04, utterances.get(0).startSeconds());
    assertEquals(17.28, utterances.get(0).endSeconds());
    assertEquals(156.39, utterances.get(9).startSeconds());
    assertEquals(163.105, utterances.get(9).endSeconds());
  }

  @Test
  void otterAndMarkdownHeadings_takeTheHeaderTimeAsTheStart() {
    for (String[] sample :
        List.of(
            new String[] {"otter_txt_export_reconstructed_spacewalk.txt", "otter-text"},
            new String[] {
              "markdown_headings_descript_layout_reconstructed_spacewalk.md", "markdown-headings"
            })) {
      List<Utterance> utterances = parse(sample[0], sample[1]);

      assertEquals(3.0, utterances.get(0).startSeconds(), sample[0]); // Drew  0:03
      assertEquals(156.0, utterances.get(9).startSeconds(), sample[0]); // Stephanie  2:36
    }
  }

  @Test
  void otterText_aColonInTheWordsIsNotASpeaker_andTheFooterIsNotSpeech() throws Exception {
    String otter =
        "Ana Lopez  0:00  \nThe plan: we hire first.\n\nBen  0:04  \nAgreed.\n\n"
            + "Transcribed by https://otter.ai\n";

    List<Utterance> utterances = new OtterTextFormat().parse(otter);

    assertEquals(
        List.of(
            new Utterance(0, "Ana Lopez", 0.0, null, "The plan: we hire first."),
            new Utterance(1, "Ben", 4.0, null, "Agreed.")),
        utterances);
  }

  private static List<Utterance> parse(String sample, String expectedFormat) {
    try {
      Transcript transcript =
          new TranscriptParser(null)
              .parse("id", "/in/" + sample, TestData.bytes(TestData.format(sample)));
      assertEquals(expectedFormat, transcript.format(), sample);
      return transcript.utterances();
    } catch (TranscriptParseException e) {
      throw new AssertionError(sample + ": " + e.reason() + ": " + e.getMessage(), e);
    }
  }
}
