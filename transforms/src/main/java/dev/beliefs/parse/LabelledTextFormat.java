package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text and Markdown transcripts whose turns start with a speaker label.
 *
 * <ul>
 *   <li>Labels: {@code Name:}, {@code Name (Role):}, {@code **Name:**} and {@code **Name**:} at the
 *       start of a line. A plain {@code Name:} counts as a label when it has a role, or when it
 *       labels at least two lines of the file; otherwise a line such as {@code Note: ...} would
 *       start a speaker. Roles are resolved as {@link SpeakerNames} says.
 *   <li>A line without a label continues the previous speaker's turn. Lines before the first label
 *       (titles, show notes) are not speech and are left out.
 *   <li>A timestamp such as {@code [00:03:54.26]} or {@code \[01:02\]} at the start of a turn or a
 *       paragraph gives that utterance its start time; a timestamped paragraph starts a new
 *       utterance of the same speaker, so evidence times stay precise.
 *   <li>Bracketed cues such as {@code [ Music]} or {@code \[laughter\]} (a known list of non-speech
 *       words) and inline timestamps are removed; other brackets, such as an editor's {@code [Space
 *       Center]}, are kept as written. Markdown headings and rules are skipped; Markdown backslash
 *       escapes are undone.
 * </ul>
 */
public final class LabelledTextFormat implements TranscriptFormat {

  private static final Pattern MARKDOWN_LABEL =
      Pattern.compile("^\\*\\*(?<label>[^*\\n]{1,80}?)(?::\\*\\*|\\*\\*:)\\s*(?<rest>.*)$");
  private static final String NAME_WORD = "(?:\\p{Lu}[\\p{L}\\p{M}'’.\\-]*|\\d+|[a-z]{1,3})";
  private static final Pattern PLAIN_LABEL =
      Pattern.compile(
          "^(?<label>\\p{Lu}[\\p{L}\\p{M}'’.\\-_0-9]*(?:\\s+"
              + NAME_WORD
              + "){0,4}(?:\\s*\\([^()\\n]{1,40}\\))?)\\s*:(?:\\s+(?<rest>.*)|$)");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^\\\\?\\[(?:(\\d{1,2}):)?(\\d{1,2}):(\\d{2})(?:[.,](\\d{1,3}))?\\\\?\\]\\s*");
  private static final Pattern BRACKETED = Pattern.compile("\\\\?\\[([^\\]\\n]{0,80}?)\\\\?\\]");
  private static final Pattern MARKDOWN_ESCAPE =
      Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!])");
  private static final Pattern SKIPPED_LINE = Pattern.compile("^(#{1,6}\\s.*|[-*_]{3,})$");

  @Override
  public String name() {
    return "text";
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
  public List<Utterance> parse(String text) throws TranscriptParseException {
    LabelCounts labels = LabelCounts.of(text);
    if (!labels.any()) {
      throw new TranscriptParseException(
          "no_speaker_labels",
          "found no speaker labels: start each turn with 'Name:' or '**Name:**' on a new line,"
              + " or use the JSON transcript format described in the README");
    }
    List<Utterance> utterances = new ArrayList<>();
    Turn current = null;
    for (String raw : Lines.of(text)) {
      String stripped = raw.strip();
      if (stripped.isEmpty() || SKIPPED_LINE.matcher(stripped).matches()) {
        continue;
      }
      Candidate candidate = Candidate.of(stripped);
      Line line =
          labels.counts(candidate)
              ? Line.of(candidate.label, candidate.rest)
              : Line.of(null, candidate.line);
      if (line.label != null) {
        finish(current, utterances);
        current = new Turn(labels.names.resolve(line.label), line.start);
      } else if (current == null) {
        continue;
      } else if (line.start != null) {
        finish(current, utterances);
        current = new Turn(current.speaker, line.start);
      }
      current.append(line.speech);
    }
    finish(current, utterances);
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "the speaker labels are followed by no speech (only cues or timestamps)");
    }
    return utterances;
  }

  private static void finish(Turn turn, List<Utterance> utterances) {
    if (turn != null && turn.text.length() > 0) {
      utterances.add(
          new Utterance(utterances.size(), turn.speaker, turn.start, null, turn.text.toString()));
    }
  }

  /**
   * A first pass over the file: how often each plain label occurs, and the roles that names
   * declare, which decide how every line of the second pass reads.
   */
  private static final class LabelCounts {
    final Map<String, Integer> plain = new HashMap<>();
    final SpeakerNames names = new SpeakerNames();
    boolean explicit;

    static LabelCounts of(String text) {
      LabelCounts labels = new LabelCounts();
      for (String raw : Lines.of(text)) {
        String line = raw.strip();
        if (line.isEmpty() || SKIPPED_LINE.matcher(line).matches()) {
          continue;
        }
        Candidate candidate = Candidate.of(line);
        if (candidate.label != null) {
          if (candidate.explicit || candidate.label.contains("(")) {
            labels.explicit = true;
          } else {
            labels.plain.merge(candidate.label, 1, Integer::sum);
          }
          labels.names.declare(candidate.label);
        }
      }
      return labels;
    }

    boolean counts(Candidate candidate) {
      return candidate.label != null
          && (candidate.explicit
              || candidate.label.contains("(")
              || plain.getOrDefault(candidate.label, 0) >= 2);
    }

    boolean any() {
      return explicit || plain.values().stream().anyMatch(count -> count >= 2);
    }
  }

  /**
   * A line that may start with a label; whether the label counts depends on the whole file. A label
   * that leaves no name once cleaned, such as {@code ** :**}, is not one.
   */
  private record Candidate(String line, String label, String rest, boolean explicit) {

    static Candidate of(String line) {
      Candidate candidate = read(line);
      return candidate.label != null && SpeakerNames.clean(candidate.label).isEmpty()
          ? new Candidate(line, null, line, false)
          : candidate;
    }

    private static Candidate read(String line) {
      Matcher markdown = MARKDOWN_LABEL.matcher(line);
      if (markdown.matches()) {
        return new Candidate(line, markdown.group("label").strip(), markdown.group("rest"), true);
      }
      Matcher plain = PLAIN_LABEL.matcher(line);
      if (plain.matches()) {
        String rest = plain.group("rest") == null ? "" : plain.group("rest");
        return new Candidate(line, plain.group("label").strip(), rest, false);
      }
      return new Candidate(line, null, line, false);
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

  private record Line(String label, Double start, String speech) {

    static Line of(String label, String rest) {
      Double start = null;
      Matcher timestamp = TIMESTAMP.matcher(rest);
      if (timestamp.find()) {
        start = seconds(timestamp);
        rest = rest.substring(timestamp.end());
      }
      String speech = BRACKETED.matcher(rest).replaceAll(Line::keepUnlessCue);
      speech = MARKDOWN_ESCAPE.matcher(speech).replaceAll("$1");
      speech = speech.replaceAll("\\s+", " ").strip();
      return new Line(label, start, speech);
    }

    /** {@code [Space Center]} is an editor's insertion and stays; {@code [ Music]} is a cue. */
    private static String keepUnlessCue(MatchResult bracketed) {
      String inside = bracketed.group(1).strip();
      boolean cue = NonSpeechCues.isCue(inside) || TIMESTAMP.matcher(bracketed.group()).matches();
      return cue ? " " : Matcher.quoteReplacement(bracketed.group());
    }

    private static double seconds(Matcher timestamp) {
      int hours = timestamp.group(1) == null ? 0 : Integer.parseInt(timestamp.group(1));
      int minutes = Integer.parseInt(timestamp.group(2));
      int seconds = Integer.parseInt(timestamp.group(3));
      String fraction = timestamp.group(4);
      double fractional = fraction == null ? 0 : Double.parseDouble("0." + fraction);
      return hours * 3600 + minutes * 60 + seconds + fractional;
    }
  }
}
