package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonFields;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.json.JsonPieces;
import dev.beliefs.parse.utterances.SpeakerTurns;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;

/**
 * An AssemblyAI transcript ({@code GET /v2/transcript/{id}}). It is recognised by a top-level
 * {@code utterances} array whose entries have a {@code start} (AssemblyAI's times are
 * milliseconds), or by AssemblyAI's {@code audio_url} field. With speaker labels the {@code
 * utterances} are read (speaker {@code A} becomes {@code Speaker A}); without them AssemblyAI
 * leaves {@code utterances} null and the top-level {@code words} are read instead, as speaker
 * {@value SpeakerTurns#UNNAMED}, cut into sentences ({@link SpeechPieces#utterances}).
 */
public final class AssemblyAiJsonFormat implements TranscriptFormat {

  private static final double MILLISECONDS = 1000;

  @Override
  public String name() {
    return "assemblyai-json";
  }

  @Override
  public String expects() {
    return "an AssemblyAI transcript: 'utterances' of {\"speaker\", \"text\", \"start\"} in"
        + " milliseconds, or 'audio_url' and 'words'";
  }

  @Override
  public boolean claims(String fileName, String text) {
    JsonOutline outline = JsonOutline.of(text);
    return outline.has("utterances[].start") || outline.has("audio_url");
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    List<Utterance> utterances = SpeechPieces.utterances(read(text, "utterances"));
    if (utterances.isEmpty()) {
      utterances = SpeechPieces.utterances(read(text, "words"));
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "neither 'utterances' nor 'words' hold any text");
    }
    return utterances;
  }

  private static JsonPieces read(String text, String array) {
    return new JsonPieces(
        text,
        array,
        (entry, where, piece) -> {
          JsonFields.requireObject(entry, where);
          String speech = JsonFields.text(entry, "text", where);
          piece.accept(
              JsonFields.label(entry, "speaker", where),
              JsonFields.seconds(entry, "start", MILLISECONDS, where),
              JsonFields.seconds(entry, "end", MILLISECONDS, where),
              speech == null ? "" : speech);
        });
  }
}
