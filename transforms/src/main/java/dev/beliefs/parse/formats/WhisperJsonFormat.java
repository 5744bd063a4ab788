package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.json.JsonPieces;
import dev.beliefs.parse.utterances.SpeakerTurns;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;

/**
 * The JSON that Whisper's family writes: OpenAI's {@code verbose_json}, whisper-timestamped and
 * WhisperX, with or without diarization. It is recognised by a top-level {@code segments} array of
 * objects with {@code text}; each segment's {@code text}, {@code start} and {@code end} (seconds)
 * and, from WhisperX with diarization, {@code speaker} ({@code SPEAKER_00}) are read, and word
 * lists ignored. Segments become utterances as {@link SpeechPieces#utterances} says: turns with
 * diarization, else sentences of speaker {@value SpeakerTurns#UNNAMED}.
 */
public final class WhisperJsonFormat implements TranscriptFormat {

  @Override
  public String name() {
    return "whisper-json";
  }

  @Override
  public String expects() {
    return "an object with a 'segments' array of {\"text\", \"start\", \"end\"} (Whisper,"
        + " WhisperX, whisper-timestamped)";
  }

  @Override
  public int resemblance(String fileName, String text) {
    return JsonOutline.of(text).has("segments") ? 1 : 0;
  }

  @Override
  public boolean claims(String fileName, String text) {
    return JsonOutline.of(text).has("segments[].text");
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return JsonPieces.segments(
        text, "text", "start", "end", "an object with a 'segments' array, as Whisper writes");
  }
}
