package dev.beliefs.parse.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whisper, AssemblyAI and Deepgram JSON beyond the samples: speakers, fallbacks, bad fields. */
class JsonFormatsTest {

  @Test
  void whisperxWithDiarization_consecutiveSegmentsOfOneSpeakerMerge_unassignedOnesContinue()
      throws Exception {
    String json =
        """
        {"segments": [
          {"start": 0.5, "end": 1.5, "text": " Hello.", "speaker": "SPEAKER_00"},
          {"start": 1.5, "end": 2.0, "text": " Welcome.", "speaker": "SPEAKER_00",
           "words": [{"word": "Welcome.", "start": 1.5, "end": 2.0, "speaker": "SPEAKER_00"}]},
          {"start": 2.2, "end": 3.0, "text": " Thanks.", "speaker": "SPEAKER_01"},
          {"start": 3.0, "end": 4.0, "text": " Glad to be here."}
        ], "word_segments": []}
        """;

    assertEquals(
        List.of(
            new Utterance(0, "SPEAKER_00", 0.5, 2.0, "Hello. Welcome."),
            new Utterance(1, "SPEAKER_01", 2.2, 4.0, "Thanks. Glad to be here.")),
        new WhisperJsonFormat().parse(json));
  }

  @Test
  void whisperFieldOfTheWrongType_failsNamingIt() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () ->
                new WhisperJsonFormat()
                    .parse(
                        "{\"segments\": [{\"text\": \"a\"}, {\"text\": \"b\", \"start\": \"1\"}]}"));

    assertEquals("wrong_shape", failure.reason());
    assertTrue(failure.getMessage().contains("segments[1].start"), failure.getMessage());
  }

  @Test
  void whisperWithoutSegments_orWithEmptyOnes_fails() {
    TranscriptParseException noSegments =
        assertThrows(
            TranscriptParseException.class,
            () -> new WhisperJsonFormat().parse("{\"text\": \"hello\"}"));
    TranscriptParseException noText =
        assertThrows(
            TranscriptParseException.class,
            () -> new WhisperJsonFormat().parse("{\"segments\": [{\"text\": \"  \"}]}"));

    assertEquals("wrong_shape", noSegments.reason());
    assertEquals("no_speech", noText.reason());
  }

  @Test
  void assemblyAiWithoutSpeakerLabels_readsTheWordsAsOneSpeaker() throws Exception {
    String json =
        """
        {"id": "x", "audio_url": "https://example.com/a.mp3", "status": "completed",
         "text": "Hello there. Bye.", "utterances": null,
         "words": [
           {"text": "Hello", "start": 250, "end": 600, "confidence": 0.9, "speaker": null},
           {"text": "there.", "start": 650, "end": 1000, "confidence": 0.9, "speaker": null},
           {"text": "Bye.", "start": 1500, "end": 1800, "confidence": 0.9, "speaker": null}]}
        """;

    assertEquals(
        List.of(
            new Utterance(0, "Speaker", 0.25, 1.0, "Hello there."),
            new Utterance(1, "Speaker", 1.5, 1.8, "Bye.")),
        new AssemblyAiJsonFormat().parse(json));
  }

  @Test
  void deepgramWithUtterancesButNoParagraphs_readsTheUtterances() throws Exception {
    String json =
        """
        {"metadata": {}, "results": {
          "channels": [{"alternatives": [{"transcript": "Hi. Yes. Indeed.", "words": []}]}],
          "utterances": [
            {"start": 0.1, "end": 0.9, "transcript": "Hi.", "speaker": 0},
            {"start": 1.0, "end": 1.4, "transcript": "Yes.", "speaker": 1},
            {"start": 1.5, "end": 2.0, "transcript": "Indeed.", "speaker": 1}]}}
        """;

    assertEquals(
        List.of(
            new Utterance(0, "Speaker 0", 0.1, 0.9, "Hi."),
            new Utterance(1, "Speaker 1", 1.0, 2.0, "Yes. Indeed.")),
        new DeepgramJsonFormat().parse(json));
  }

  @Test
  void deepgramWithOnlyWords_readsTheirPunctuatedForms() throws Exception {
    String json =
        """
        {"results": {"channels": [{"alternatives": [{"transcript": "hi there", "words": [
          {"word": "hi", "punctuated_word": "Hi", "start": 0.2, "end": 0.4},
          {"word": "there", "start": 0.5, "end": 0.9}]}]}]}}
        """;

    assertEquals(
        List.of(new Utterance(0, "Speaker", 0.2, 0.9, "Hi there")),
        new DeepgramJsonFormat().parse(json));
  }

  @Test
  void deepgramWithNothingToRead_failsSayingWhatToRequest() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () ->
                new DeepgramJsonFormat()
                    .parse("{\"results\": {\"channels\": [{\"alternatives\": [{}]}]}}"));

    assertEquals("no_speech", failure.reason());
    assertTrue(failure.getMessage().contains("diarize=true"), failure.getMessage());
  }
}
