package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonArrays;
import dev.beliefs.parse.json.JsonFields;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.utterances.SpeakerTurns;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own JSON transcript format, for tools that already know who said what:
 *
 * <pre>{@code
 * {"title": "optional",
 *  "utterances": [
 *    {"speaker": "Kay Taylor", "text": "Thanks for having me.", "start_seconds": 12.5,
 *     "end_seconds": 14.0}]}
 * }</pre>
 *
 * {@code speaker} and {@code text} are required; times are optional seconds. Utterances are kept as
 * written, never merged. It is recognised by an {@code utterances} array whose first entry has
 * {@code speaker} and {@code text} but none of the {@code words} and millisecond {@code
 * start}/{@code end} of AssemblyAI's {@code utterances}; Deepgram's are under {@code results}.
 */
public final class BeliefsJsonFormat implements TranscriptFormat {

  @Override
  public String name() {
    return "beliefs-json";
  }

  @Override
  public String expects() {
    return "an object with an 'utterances' array of {\"speaker\", \"text\"}";
  }

  @Override
  public int resemblance(String fileName, String text) {
    return JsonOutline.of(text).has("utterances") ? 1 : 0;
  }

  @Override
  public boolean claims(String fileName, String text) {
    JsonOutline outline = JsonOutline.of(text);
    return outline.has("utterances[].speaker")
        && outline.has("utterances[].text")
        && !outline.has("utterances[].words")
        && !outline.has("utterances[].start")
        && !outline.has("utterances[].end");
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    List<Utterance> utterances = new ArrayList<>();
    boolean found =
        JsonArrays.forEachElement(
            text,
            "utterances",
            (entry, where) -> {
              JsonFields.requireObject(entry, where);
              String speaker = JsonFields.text(entry, "speaker", where);
              String speech = JsonFields.text(entry, "text", where);
              if (speaker == null || speaker.isBlank()) {
                throw new TranscriptParseException(
                    "wrong_shape", where + ".speaker must be a non-empty string");
              }
              if (speech == null) {
                throw new TranscriptParseException("wrong_shape", where + ".text must be a string");
              }
              speech = SpeakerTurns.collapseWhitespace(speech);
              if (!speech.isEmpty()) {
                utterances.add(
                    new Utterance(
                        utterances.size(),
                        speaker.strip(),
                        JsonFields.seconds(entry, "start_seconds", 1, where),
                        JsonFields.seconds(entry, "end_seconds", 1, where),
                        speech));
              }
            });
    if (!found) {
      throw new TranscriptParseException(
          "wrong_shape", "expected an object with an 'utterances' array");
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException("no_speech", "'utterances' holds no text");
    }
    return utterances;
  }
}
