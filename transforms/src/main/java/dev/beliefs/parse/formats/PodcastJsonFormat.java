package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.json.JsonPieces;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;

/**
 * The Podcasting 2.0 JSON transcript ({@code <podcast:transcript type="application/json">}), as the
 * podcast namespace's transcript specification describes it: {@code {"version": "1.0.0",
 * "segments": [{"speaker", "startTime", "endTime", "body"}]}}, times in seconds, {@code speaker}
 * and {@code endTime} optional. It is recognised by a {@code segments} array whose entries have a
 * {@code body}, whatever the file is called. Segments (often single words) become utterances as
 * {@link SpeechPieces#utterances} says: consecutive segments of one speaker merge into a turn; a
 * file with one speaker or none is cut into sentences. The text is the bodies joined by single
 * spaces.
 */
public final class PodcastJsonFormat implements TranscriptFormat {

  @Override
  public String name() {
    return "podcast-json";
  }

  @Override
  public String expects() {
    return "a Podcasting 2.0 transcript: {\"version\": \"1.0.0\", \"segments\": [{\"speaker\","
        + " \"startTime\", \"endTime\", \"body\"}]}";
  }

  @Override
  public boolean claims(String fileName, String text) {
    return JsonOutline.of(text).has("segments[].body");
  }

  @Override
  public int resemblance(String fileName, String text) {
    JsonOutline outline = JsonOutline.of(text);
    return (outline.has("segments") ? 1 : 0) + (outline.has("version") ? 1 : 0);
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return JsonPieces.segments(
        text,
        "body",
        "startTime",
        "endTime",
        "an object with a 'segments' array of {speaker, startTime, body}");
  }
}
