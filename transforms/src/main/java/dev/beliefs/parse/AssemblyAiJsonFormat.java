package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;

/**
 * An AssemblyAI transcript ({@code GET /v2/transcript/{id}}). It is recognised by a top-level
 * {@code utterances} array whose entries have a {@code start} (AssemblyAI's times are
 * milliseconds), or by AssemblyAI's {@code audio_url} field. With speaker labels the {@code
 * utterances} are read (speaker {@code A} becomes {@code Speaker A}); without them AssemblyAI
 * leaves {@code utterances} null and the top-level {@code words} are read instead, as speaker
 * {@value SpeakerTurns#UNNAMED}. Consecutive entries of one speaker merge ({@link SpeakerTurns}).
 */
public final class AssemblyAiJsonFormat implements TranscriptFormat {

  private static final double MILLISECONDS = 1000;

  @Override
  public String name() {
    return "assemblyai-json";
  }

  @Override
  public boolean claims(String fileName, String text) {
    JsonOutline outline = JsonOutline.of(text);
    return outline.has("utterances[].start") || outline.has("audio_url");
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    SpeakerTurns turns = read(text, "utterances");
    if (turns.isEmpty()) {
      turns = read(text, "words");
    }
    if (turns.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "neither 'utterances' nor 'words' hold any text");
    }
    return turns.utterances();
  }

  private static SpeakerTurns read(String text, String array) throws TranscriptParseException {
    SpeakerTurns turns = new SpeakerTurns();
    JsonArrays.forEachElement(
        text,
        array,
        (entry, where) -> {
          JsonFields.requireObject(entry, where);
          String speech = JsonFields.text(entry, "text", where);
          turns.add(
              JsonFields.label(entry, "speaker", where),
              JsonFields.seconds(entry, "start", MILLISECONDS, where),
              JsonFields.seconds(entry, "end", MILLISECONDS, where),
              speech == null ? "" : speech);
        });
    return turns;
  }
}
