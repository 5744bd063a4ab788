package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Transcript;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptFormats;
import java.nio.file.Files;
import java.util.Map;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@code --format} takes every format's name, and its help lists them all. */
class FormatOptionTest {

  /** A sample of each format, given to the forced parser under a name that says nothing. */
  private static final Map<String, String> SAMPLES =
      Map.ofEntries(
          Map.entry("webvtt", "formats/webvtt_voice_tags_w3c_spec_example.vtt"),
          Map.entry("srt", "formats/srt_speaker_labels_deepgram_captions_diarized_doc_example.srt"),
          Map.entry("named-captions", "formats/srt_speaker_names_podcastindex_spec_example.srt"),
          Map.entry("podcast-json", "formats/podcast_json_podcastindex_spec_example.json"),
          Map.entry("podcast-html", "formats/podcast_html_podcastindex_spec_example.html"),
          Map.entry("whisper-json", "formats/whisperx_json_output_reference.json"),
          Map.entry(
              "assemblyai-json", "formats/assemblyai_transcript_json_utterances_TRUNCATED.json"),
          Map.entry(
              "deepgram-json",
              "formats/deepgram_nova2_diarize_paragraphs_utterances_TRUNCATED.json"),
          Map.entry("otter-text", "formats/otter_txt_export_reconstructed_spacewalk.txt"),
          Map.entry(
              "markdown-headings",
              "formats/markdown_headings_descript_layout_reconstructed_spacewalk.md"),
          Map.entry("text", "conversations/gotime-150-excerpt.md"),
          Map.entry("beliefs-json", ""));

  @Test
  void descriptionOfFormat_namesEveryFormat() throws Exception {
    String description =
        BeliefOptions.class.getMethod("getFormat").getAnnotation(Description.class).value();

    for (TranscriptFormat format : TranscriptFormats.all()) {
      assertTrue(description.contains(format.name()), format.name() + " in: " + description);
    }
  }

  @Test
  void everyFormatName_isAcceptedAndForcesThatFormat() throws Exception {
    assertEquals(TranscriptFormats.all().size(), SAMPLES.size());
    for (TranscriptFormat format : TranscriptFormats.all()) {
      JobSettings settings = settings("--format=" + format.name());
      byte[] bytes =
          format.name().equals("beliefs-json")
              ? "{\"utterances\": [{\"speaker\": \"Ann\", \"text\": \"Hi.\"}]}".getBytes()
              : Files.readAllBytes(
                  TestFiles.projectRoot()
                      .resolve("testdata/transcripts")
                      .resolve(SAMPLES.get(format.name())));

      Transcript transcript = settings.parser().parse("x", "/in/x.unknown", bytes);

      assertEquals(format.name(), transcript.format());
    }
  }

  @Test
  void unknownFormatName_isAConfigurationErrorListingTheKnownOnes() {
    ConfigurationException error =
        assertThrows(ConfigurationException.class, () -> settings("--format=vtt"));

    assertTrue(error.getMessage().contains(TranscriptFormats.names()), error.getMessage());
  }

  private static JobSettings settings(String formatOption) throws ConfigurationException {
    PipelineOptionsFactory.register(BeliefOptions.class);
    BeliefOptions options =
        PipelineOptionsFactory.fromArgs("--input=in/*", "--output=out", formatOption)
            .as(BeliefOptions.class);
    return JobSettings.from(options, () -> null);
  }
}
