package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptFormats;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import dev.beliefs.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every sample in {@code testdata/transcripts/formats/}, detected by name and content and parsed.
 * The expected speakers, texts and times were read off the sample files by hand.
 */
class FormatSamplesTest {

  /** The deepgram-captions tool's spacewalk captions, the same words in its VTT and its SRT. */
  private static final String SPACEWALK_CAPTIONS =
      "Yeah. As as much as, it's worth celebrating, the first, spacewalk, with an all female team,"
          + " I think many of us are looking forward to it just being normal and I think if it"
          + " signifies anything, It is to honor the the women who came before us who, were skilled"
          + " and qualified, and didn't get the same opportunities that we have today.";

  private static final List<Utterance> DIARIZED_CAPTIONS =
      List.of(
          new Utterance(0, "Speaker 0", 0.08, 4.12, "Yeah. As as much as, it's worth celebrating,"),
          new Utterance(1, "Speaker 1", 4.4, 8.2, "the first, spacewalk, with an all female team,"),
          new Utterance(
              2, "Speaker 0", 8.475, 12.34, "I think many of us are looking forward to it"));

  @Test
  void w3cVoiceSpans_mergeConsecutiveCuesOfOneSpeaker_andDropTheLaughCue() {
    // 13 cues: 9 of Roger (11.0 to 31.5), Neil (30.5 to 32.5), Roger (32.0 to 35.5), Neil's
    // <i>Laughs</i> (a sound, not words), Roger (35.5 to 38.0).
    assertEquals(
        List.of(
            new Utterance(
                0,
                "Roger Bingham",
                11.0,
                31.5,
                "We are in New York City We’re actually at the Lucern Hotel, just down the street"
                    + " from the American Museum of Natural History And with me is Neil deGrasse"
                    + " Tyson Astrophysicist, Director of the Hayden Planetarium at the AMNH. Thank"
                    + " you for walking down here. And I want to do a follow-up on the last"
                    + " conversation we did. When we e-mailed—"),
            new Utterance(
                1,
                "Neil deGrasse Tyson",
                30.5,
                32.5,
                "Didn’t we talk about enough in that conversation?"),
            new Utterance(
                2,
                "Roger Bingham",
                32.0,
                38.0,
                "No! No no no no; 'cos 'cos obviously 'cos You know I’m so excited my glasses are"
                    + " falling off here.")),
        parse("webvtt_voice_tags_w3c_spec_example.vtt", "webvtt"));
  }

  @Test
  void w3cVoiceClasses_nameTheSpeakerWithoutTheClasses() {
    assertEquals(
        List.of(
            new Utterance(0, "Esme", 0.0, 2.0, "It’s a blue apple tree!"),
            new Utterance(1, "Mary", 2.0, 4.0, "No way!"),
            new Utterance(2, "Esme", 4.0, 6.0, "Hee!"),
            new Utterance(3, "Mary", 6.0, 8.0, "That’s awesome!")),
        parse("webvtt_voice_tags_w3c_spec_esme_mary_example.vtt", "webvtt"));
  }

  @Test
  void vttWithNoteBlockAndNoSpeakers_isCutIntoSentencesOfSpeaker() {
    // The tool wrote no period after "normal": that sentence runs on to "today." (62 words).
    List<Utterance> utterances =
        parse("webvtt_deepgram_captions_tool_output_spacewalk.vtt", "webvtt");

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 0.08, 3.22, "Yeah."),
            new Utterance(
                1, "Speaker", 0.08, 25.439, SPACEWALK_CAPTIONS.substring("Yeah. ".length()))),
        utterances);
  }

  @Test
  void srtWithoutSpeakers_readsTheSameWordsAsTheToolsVtt() {
    List<Utterance> utterances = parse("srt_deepgram_captions_tool_output_spacewalk.srt", "srt");

    assertEquals(SPACEWALK_CAPTIONS, joined(utterances));
    assertEquals(2, utterances.size());
    assertEquals("Yeah.", utterances.get(0).text());
  }

  @Test
  void diarizedVtt_voiceSpansAreSpeakers() {
    assertEquals(
        DIARIZED_CAPTIONS,
        parse("webvtt_voice_tags_deepgram_captions_diarized_doc_example.vtt", "webvtt"));
  }

  @Test
  void diarizedSrt_speakerLinesAreSpeakers_asInTheToolsVtt() {
    assertEquals(
        DIARIZED_CAPTIONS,
        parse("srt_speaker_labels_deepgram_captions_diarized_doc_example.srt", "srt"));
  }

  @Test
  void youtubeRollingAutoCaptions_areReadOnceWithoutWordTimingsOrHeader() {
    // 15 cues, each new line said once: "the man who inspired the" / "character Gordon Gekko
    // Asher" / "edelman recently had an" / ... / "interesting endorsement" (ends at 13.279).
    // Without punctuation, an utterance ends at the first cue after 15 words.
    assertEquals(
        List.of(
            new Utterance(
                0,
                "Speaker",
                0.0,
                6.23,
                "the man who inspired the character Gordon Gekko Asher edelman recently had an"
                    + " interview with CNBC and he"),
            new Utterance(
                1,
                "Speaker",
                6.43,
                12.11,
                "talked about who he believed would be the best candidate for our economy now"
                    + " this is an"),
            new Utterance(2, "Speaker", 12.21, 13.279, "interesting endorsement")),
        parse("youtube_autocaption_vtt_vtt-to-json_meow.en.vtt", "webvtt"));
  }

  @Test
  void whisperxWithoutDiarization_segmentsAreCutIntoSentencesOfSpeaker() {
    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 0.151, 3.863, "Okay, got it."),
            new Utterance(1, "Speaker", 7.395, 8.318, "I don't, I don't know.")),
        parse("whisperx_json_output_reference.json", "whisper-json"));
  }

  @Test
  void openAiVerboseJson_readsSegmentsNotTheTopLevelText() {
    assertEquals(
        List.of(
            new Utterance(
                0,
                "Speaker",
                0.0,
                3.319999933242798,
                "The beach was a popular spot on a hot summer day.")),
        parse("openai_whisper_verbose_json_api_doc_example.json", "whisper-json"));
  }

  @Test
  void whisperTimestamped_fourSegmentsOfOneSpeaker_twoSentences() {
    assertEquals(
        List.of(
            new Utterance(
                0,
                "Speaker",
                0.12,
                12.36,
                "Yeah, as much as it's worth celebrating the first spacewalk with an all-female"
                    + " team, I think many of us are looking forward to it just being normal."),
            new Utterance(
                1,
                "Speaker",
                12.98,
                25.32,
                "And I think if it signifies anything, it is to honor the women who came before us,"
                    + " who were skilled and qualified and didn't get the same opportunities that we"
                    + " have today.")),
        parse("whisper_timestamped_json_output_spacewalk.json", "whisper-json"));
  }

  @Test
  void assemblyAi_utterancesInMilliseconds_oneSpeakerCutIntoSentences() {
    // One utterance of speaker A: its sentences carry its times, the closest the file gives.
    assertEquals(
        List.of(
            new Utterance(0, "Speaker A", 0.17, 25.14, "Yeah."),
            new Utterance(
                1,
                "Speaker A",
                0.17,
                25.14,
                "As much as it's worth celebrating the first spacewalk with an all female team, I"
                    + " think many of us are looking forward to it just being normal."),
            new Utterance(
                2,
                "Speaker A",
                0.17,
                25.14,
                "And I think if it signifies anything, it is to honor the women who came before us,"
                    + " who were skilled and qualified and didn't get the same opportunities that we"
                    + " have today.")),
        parse("assemblyai_transcript_json_utterances_TRUNCATED.json", "assemblyai-json"));
  }

  @Test
  void deepgram_paragraphsWithSpeakers_preferredToTheTruncatedUtterances() {
    // 11 paragraphs; the two of Speaker 1 from 80.159996 to 121.215 are consecutive and merge.
    assertEquals(
        List.of(
            new Utterance(
                0,
                "Speaker 0",
                3.04,
                17.279999,
                "And, Jessica, Christina, we are so proud of you. You're gonna do great today. We'll"
                    + " be waiting for you here in a couple hours when you get home. I'm gonna hand"
                    + " you over to Stephanie now. Have a great, great EVA."),
            new Utterance(
                1,
                "Speaker 1",
                17.66,
                24.494999,
                "Drew, thank you so much. It's been our pleasure working with you this morning. And"
                    + " I'm working on getting that EV hatch open, And I can"),
            new Utterance(2, "Speaker 0", 24.875, 27.055, "report it's opened and stowed."),
            new Utterance(
                3,
                "Speaker 1",
                28.954998,
                43.975,
                "Thank you, Drew. Thank you so much. Jessica, on your DCMs, Take your power switches"
                    + " to bat. Stagger switch throws and expect a warning tone."),
            new Utterance(
                4, "Speaker 2", 64.3, 65.979996, "Final steps before they begin the space walk."),
            new Utterance(
                5, "Speaker 1", 65.979996, 68.08, "Copy. Check display switch functional."),
            new Utterance(
                6,
                "Speaker 2",
                73.994995,
                80.159996,
                "Tracy, how important is this this the guiding it through is Sounds like seems like"
                    + " a lot to remember on your own."),
            new Utterance(
                7,
                "Speaker 1",
                80.159996,
                121.215,
                "Absolutely. Take power EV 1, EV 2. Two switches to off, o f f. Christina and"
                    + " Jessica have enough work, with their hands and feet and their brain outside"
                    + " that it really helps to have someone like Stephanie. Connect your SCUs from"
                    + " your DCMs and stow the SCUs in the pouch. So not only does Stephanie"),
            new Utterance(
                8,
                "Speaker 2",
                142.40001,
                156.39,
                "38 AM CST. A little ahead of schedule, about 12 minutes, but, That gets us started"
                    + " on today's historic space walk. Andrew Morgan there wishing the crew luck."),
            new Utterance(
                9,
                "Speaker 1",
                156.39,
                163.105,
                "We need it in pouch and DCM cover clothes. Copy.")),
        parse("deepgram_nova2_diarize_paragraphs_utterances_TRUNCATED.json", "deepgram-json"));
  }

  @Test
  void everySampleIsClaimedByExactlyOneFormat() {
    for (String sample :
        List.of(
            "webvtt_voice_tags_w3c_spec_example.vtt",
            "webvtt_voice_tags_w3c_spec_esme_mary_example.vtt",
            "webvtt_deepgram_captions_tool_output_spacewalk.vtt",
            "srt_deepgram_captions_tool_output_spacewalk.srt",
            "webvtt_voice_tags_deepgram_captions_diarized_doc_example.vtt",
            "srt_speaker_labels_deepgram_captions_diarized_doc_example.srt",
            "youtube_autocaption_vtt_vtt-to-json_meow.en.vtt",
            "whisperx_json_output_reference.json",
            "openai_whisper_verbose_json_api_doc_example.json",
            "whisper_timestamped_json_output_spacewalk.json",
            "assemblyai_transcript_json_utterances_TRUNCATED.json",
            "deepgram_nova2_diarize_paragraphs_utterances_TRUNCATED.json")) {
      String text = TestData.text(TestData.format(sample));
      List<String> claiming =
          TranscriptFormats.all().stream()
              .filter(format -> format.claims(sample, text))
              .map(TranscriptFormat::name)
              .toList();
      assertEquals(1, claiming.size(), sample + " is claimed by " + claiming);
    }
  }

  private static String joined(List<Utterance> utterances) {
    return String.join(" ", utterances.stream().map(Utterance::text).toList());
  }

  /** Parses a sample as the job does, from its bytes and name, and checks the detected format. */
  private static List<Utterance> parse(String sample, String expectedFormat) {
    Path file = TestData.format(sample);
    try {
      Transcript transcript =
          new TranscriptParser(null).parse("id", "/in/" + sample, TestData.bytes(file));
      assertEquals(expectedFormat, transcript.format(), sample);
      return transcript.utterances();
    } catch (TranscriptParseException e) {
      throw new AssertionError(sample + ": " + e.reason() + ": " + e.getMessage(), e);
    }
  }
}
