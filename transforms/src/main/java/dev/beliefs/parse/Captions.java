package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Caption files (WebVTT, SRT) to utterances: each cue's text, split where the format marks a change
 * of speaker, becomes pieces of {@link SpeakerTurns} with the cue's times. Rolling captions are
 * read once ({@link RollingCaptions}).
 */
final class Captions {

  private Captions() {}

  /** A run of a cue's text and the speaker the format names for it, or null when it names none. */
  record Run(@Nullable String speaker, String text) {}

  /** How a caption format marks speakers inside a cue. */
  @FunctionalInterface
  interface SpeakerMarkup {
    List<Run> runs(List<String> cueLines);
  }

  static List<Utterance> utterances(String text, SpeakerMarkup markup)
      throws TranscriptParseException {
    RollingCaptions rolling = RollingCaptions.detect(text) ? new RollingCaptions() : null;
    SpeakerTurns turns = new SpeakerTurns();
    int cues =
        CaptionCues.forEach(
            text,
            cue -> {
              List<String> lines = rolling == null ? cue.lines() : rolling.newLines(cue.lines());
              for (Run run : markup.runs(lines)) {
                turns.add(run.speaker(), cue.start(), cue.end(), CaptionText.clean(run.text()));
              }
            });
    if (cues == 0) {
      throw new TranscriptParseException(
          "no_cues",
          "found no cue timings such as '00:00:01.000 --> 00:00:04.000'; is this really a caption"
              + " file?");
    }
    List<Utterance> utterances = turns.utterances();
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "the " + cues + " cues hold no words, only markup or sound cues");
    }
    return utterances;
  }
}
