package dev.beliefs.parse.captions;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Caption files (WebVTT, SRT) to utterances: each cue's text, split where the format marks a change
 * of speaker, becomes pieces of speech with the cue's times ({@link SpeechPieces}): turns when the
 * captions name two speakers or more, else sentences. Rolling captions are read once ({@link
 * RollingCaptions}), and markup and sounds never reach the text ({@link CaptionText}).
 */
public final class Captions implements SpeechPieces {

  /** A run of a cue's text and the speaker the format names for it, or null when it names none. */
  public record Run(@Nullable String speaker, String text) {}

  /** How a caption format marks speakers inside a cue. */
  @FunctionalInterface
  public interface SpeakerMarkup {
    List<Run> runs(List<String> cueLines);
  }

  /** Reads a speaker label at the start of a cue line: the run it starts, or null for none. */
  @FunctionalInterface
  public interface LineLabel {
    @Nullable Run read(String line);
  }

  /**
   * A cue's lines split where a line starts with a label; the lines before the first label are a
   * run without a speaker.
   */
  public static List<Run> runsAtLabels(List<String> cueLines, LineLabel label) {
    List<Run> runs = new ArrayList<>();
    String speaker = null;
    StringBuilder run = new StringBuilder();
    for (String line : cueLines) {
      Run labelled = label.read(line);
      if (labelled != null) {
        runs.add(new Run(speaker, run.toString()));
        run.setLength(0);
        speaker = labelled.speaker();
        line = labelled.text();
      }
      run.append(line).append('\n');
    }
    runs.add(new Run(speaker, run.toString()));
    return runs;
  }

  private final String text;
  private final SpeakerMarkup markup;
  private final boolean rolls;
  private int cues;

  private Captions(String text, SpeakerMarkup markup) throws TranscriptParseException {
    this.text = text;
    this.markup = markup;
    this.rolls = RollingCaptions.detect(text);
  }

  public static List<Utterance> utterances(String text, SpeakerMarkup markup)
      throws TranscriptParseException {
    Captions captions = new Captions(text, markup);
    List<Utterance> utterances = SpeechPieces.utterances(captions);
    if (captions.cues == 0) {
      throw new TranscriptParseException(
          "no_cues",
          "found no cue timings such as '00:00:01.000 --> 00:00:04.000'; is this really a caption"
              + " file?");
    }
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "the " + captions.cues + " cues hold no words, only markup or sound cues");
    }
    return utterances;
  }

  @Override
  public void forEach(Handler handler) throws TranscriptParseException {
    RollingCaptions rolling = rolls ? new RollingCaptions() : null;
    cues =
        CaptionCues.forEach(
            text,
            cue -> {
              List<String> lines = rolling == null ? cue.lines() : rolling.newLines(cue.lines());
              for (Run run : markup.runs(lines)) {
                handler.accept(
                    run.speaker(), cue.start(), cue.end(), CaptionText.clean(run.text()));
              }
            });
  }
}
