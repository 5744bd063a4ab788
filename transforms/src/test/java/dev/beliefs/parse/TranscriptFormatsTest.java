package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which format reads a file, by name and content, and what a file no format reads fails as. */
class TranscriptFormatsTest {

  @Test
  void detectsByExtensionAndByContent() throws Exception {
    String vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nHi";
    String srt = "1\n00:00:01,000 --> 00:00:02,000\nHi";
    String whisper = "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"Hi\"}]}";
    String assembly = "{\"utterances\": [{\"speaker\": \"A\", \"text\": \"Hi\", \"start\": 0}]}";
    String deepgram = "{\"results\": {\"channels\": [{\"alternatives\": [{\"words\": []}]}]}}";
    String beliefs = "{\"utterances\": [{\"speaker\": \"Ann\", \"text\": \"Hi\"}]}";

    assertEquals("webvtt", detect("talk.vtt", "Hi"));
    assertEquals("webvtt", detect("talk.txt", vtt));
    assertEquals("srt", detect("talk.srt", "Hi"));
    assertEquals("srt", detect("talk", srt));
    assertEquals("whisper-json", detect("talk.json", whisper));
    assertEquals("whisper-json", detect("talk.txt", whisper));
    assertEquals("assemblyai-json", detect("talk.json", assembly));
    assertEquals("deepgram-json", detect("talk", deepgram));
    assertEquals("beliefs-json", detect("talk.json", beliefs));
    assertEquals("text", detect("talk.md", "Ann: Hi"));
  }

  @Test
  void detectsTheNewFormatsByContentWhateverTheFileIsCalled() throws Exception {
    String podcastJson = "{\"version\": \"1.0.0\", \"segments\": [{\"body\": \"Hi\"}]}";
    String html = "<cite>Ann:</cite>\n<time>0:00</time>\n<p>Hi there.</p>";
    String otter = "Ann Lee  0:00  \nHi there.\n\nBo  0:02  \nHello.\n";
    String headings = "**Ann Lee** (00:00:01):\nHi there.\n\n**Bo** (00:00:02):\nHello.\n";
    String zoom = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAnn Lee: Hi there.\n";
    String srt = "1\n00:00:01,000 --> 00:00:02,000\nAnn Lee: Hi there.\n";

    assertEquals("podcast-json", detect("transcript", podcastJson));
    assertEquals("podcast-html", detect("transcript", html));
    assertEquals("podcast-html", detect("t.html", "<html><body><p>Hi</p></body></html>"));
    assertEquals("otter-text", detect("meeting.txt", otter));
    assertEquals("otter-text", detect("meeting", otter));
    assertEquals("markdown-headings", detect("ep.md", headings));
    assertEquals("markdown-headings", detect("ep", headings));
    assertEquals("named-captions", detect("zoom.vtt", zoom));
    assertEquals("named-captions", detect("ep", srt));
    assertEquals("webvtt", detect("a.vtt", zoom.replace("Ann Lee: ", "Note: ")));
  }

  @Test
  void aFileNoFormatReads_failsNamingTheClosestFormatAndWhatItExpects() {
    TranscriptParseException captions =
        assertThrows(
            TranscriptParseException.class,
            () -> detect("notes.xyz", "1\nfrom 00:01 --> 00:02\nHi\n"));
    TranscriptParseException labels =
        assertThrows(
            TranscriptParseException.class,
            () -> detect("notes.xyz", "Ann: Hi there.\nBo: Hello.\n"));

    assertEquals("unknown_format", captions.reason());
    assertTrue(captions.getMessage().contains("closest format is srt"), captions.getMessage());
    assertTrue(captions.getMessage().contains("00:00:01,000 --> 00:00:04,000"));
    assertTrue(labels.getMessage().contains("closest format is text"), labels.getMessage());
    assertTrue(labels.getMessage().contains("'Name: words'"), labels.getMessage());
  }

  @Test
  void jsonOfNoKnownShape_failsAsWrongShape() {
    for (String json : List.of("{\"foo\": 1}", "[1, 2, 3]", "{\"segments\": []}", "\"text\"")) {
      TranscriptParseException failure =
          assertThrows(TranscriptParseException.class, () -> detect("x.json", json));

      assertEquals(json.startsWith("\"") ? "invalid_json" : "wrong_shape", failure.reason(), json);
    }
  }

  @Test
  void truncatedJson_isRecognisedAndFailsSayingWhereItEnds() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () ->
                new TranscriptParser(null)
                    .parse(
                        "x",
                        "/in/x.json",
                        "{\"segments\": [{\"text\": \"Hi\", \"start\": 0}, {\"te".getBytes()));

    assertEquals("invalid_json", failure.reason());
    assertTrue(failure.getMessage().contains("line 1, column"), failure.getMessage());
  }

  @Test
  void jsonNested10000Deep_failsAsInvalidJsonWithoutOverflowingTheStack() {
    String deep = "{\"segments\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> detect("deep.json", deep));

    assertEquals("invalid_json", failure.reason());
    assertTrue(failure.getMessage().contains("nesting depth"), failure.getMessage());
  }

  @Test
  void textOfNoKnownFormat_failsListingTheFormats() {
    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> detect("notes.xml", "<a>hi</a>"));

    assertEquals("unknown_format", failure.reason());
    assertTrue(failure.getMessage().contains(TranscriptFormats.names()), failure.getMessage());
  }

  @Test
  void everyFormatCanBeNamed() {
    for (TranscriptFormat format : TranscriptFormats.all()) {
      assertEquals(format, TranscriptFormats.named(format.name()).orElseThrow());
    }
    assertEquals(
        "named-captions, webvtt, srt, podcast-json, beliefs-json, whisper-json, assemblyai-json,"
            + " deepgram-json, podcast-html, otter-text, markdown-headings, text",
        TranscriptFormats.names());
  }

  private static String detect(String fileName, String text) throws TranscriptParseException {
    return TranscriptFormats.detect(fileName, text).name();
  }
}
