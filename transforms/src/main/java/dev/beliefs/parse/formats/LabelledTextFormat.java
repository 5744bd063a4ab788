package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.text.LabelCandidate;
import dev.beliefs.parse.text.Paragraphs;
import dev.beliefs.parse.text.SpeakerLabels;
import dev.beliefs.parse.text.TextNotes;
import dev.beliefs.parse.utterances.SpeakerTurns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text and Markdown transcripts whose turns start with a speaker label.
 *
 * <ul>
 *   <li>Labels: the shapes {@link LabelCandidate} reads ({@code Name:}, {@code **Name:**}, {@code
 *       Name (Role):}, with a time before or after, with {@code :} or {@code ：}); which of them are
 *       labels, {@link SpeakerLabels} decides from the whole file. Roles are resolved as {@link
 *       SpeakerLabels#resolve} says.
 *   <li>A line without a label continues the previous speaker's turn. Lines before the first label
 *       (titles, show notes) are not speech and are left out, as are headings and notes ({@link
 *       TextNotes}).
 *   <li>A time with the label, or a timestamp such as {@code [00:03:54.26]} or {@code \[01:02\]} at
 *       the start of a turn or a paragraph, gives that utterance its start time; a timestamped
 *       paragraph starts a new utterance of the same speaker, so evidence times stay precise.
 *   <li>Sounds, inline timestamps and editor's notes are removed ({@link TextNotes}); Markdown
 *       backslash escapes are undone.
 * </ul>
 */
public final class LabelledTextFormat implements TranscriptFormat {

  private static final Pattern TIMESTAMP =
      Pattern.compile("^\\\\?\\[((?:\\d{1,2}:)?\\d{1,3}:\\d{2}(?:[.,]\\d{1,3})?)\\\\?\\]\\s*");
  private static final Pattern MARKDOWN_ESCAPE =
      Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!])");

  @Override
  public String name() {
    return "text";
  }

  @Override
  public String expects() {
    return "lines that start with a speaker label, such as 'Name: words', '**Name:** words' or"
        + " '[00:01:02] Name: words'";
  }

  @Override
  public boolean claims(String fileName, String text) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".txt")
        || lower.endsWith(".md")
        || lower.endsWith(".markdown")
        || lower.endsWith(".text");
  }

  @Override
  public int resemblance(String fileName, String text) {
    return SpeakerLabels.of(text).any() ? 1 : 0;
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    SpeakerLabels labels = SpeakerLabels.of(text);
    if (!labels.any()) {
      throw new TranscriptParseException(
          "no_speaker_labels",
          "found no speaker labels: start each turn with 'Name:' or '**Name:**' on a new line,"
              + " or use the JSON transcript format described in docs/formats.md");
    }
    Turns turns = new Turns(labels);
    Paragraphs.forEachLine(text, turns::line);
    List<Utterance> utterances = turns.utterances();
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "the speaker labels are followed by no speech (only cues or timestamps)");
    }
    return utterances;
  }

  /** Builds the turns line by line. */
  private static final class Turns {
    private final SpeakerLabels labels;
    private final List<Utterance> utterances = new ArrayList<>();
    private Turn current;

    Turns(SpeakerLabels labels) {
      this.labels = labels;
    }

    void line(String line, boolean paragraphStart) {
      LabelCandidate candidate = LabelCandidate.of(line);
      if (labels.counts(candidate, paragraphStart)) {
        finish(current, utterances);
        Speech speech = Speech.of(candidate.rest());
        current =
            new Turn(
                labels.resolve(candidate.label()),
                candidate.start() != null ? candidate.start() : speech.start);
        current.append(speech.text);
      } else if (current != null && !TextNotes.isNotSpeech(line, labels.mixedCase())) {
        Speech speech = Speech.of(line);
        if (speech.start != null) {
          finish(current, utterances);
          current = new Turn(current.speaker, speech.start);
        }
        current.append(speech.text);
      }
    }

    List<Utterance> utterances() {
      finish(current, utterances);
      return utterances;
    }
  }

  private static void finish(Turn turn, List<Utterance> utterances) {
    if (turn != null && turn.text.length() > 0) {
      utterances.add(
          new Utterance(utterances.size(), turn.speaker, turn.start, null, turn.text.toString()));
    }
  }

  private static final class Turn {
    final String speaker;
    final Double start;
    final StringBuilder text = new StringBuilder();

    Turn(String speaker, Double start) {
      this.speaker = speaker;
      this.start = start;
    }

    void append(String speech) {
      if (!speech.isEmpty()) {
        if (text.length() > 0) {
          text.append(' ');
        }
        text.append(speech);
      }
    }
  }

  /** The words of a line, and the time of a timestamp it starts with. */
  private record Speech(Double start, String text) {

    static Speech of(String line) {
      Double start = null;
      Matcher timestamp = TIMESTAMP.matcher(line);
      if (timestamp.find()) {
        start = LabelCandidate.seconds(timestamp.group(1));
        line = line.substring(timestamp.end());
      }
      String speech = TextNotes.withoutNotes(line);
      speech = MARKDOWN_ESCAPE.matcher(speech).replaceAll("$1");
      return new Speech(start, SpeakerTurns.collapseWhitespace(speech));
    }
  }
}
