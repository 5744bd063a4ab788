package dev.beliefs.parse.captions;

import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.text.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cues of a WebVTT or SRT file: a timing line {@code start --> end [settings]} and the
 * text lines after it, up to a blank line. What lies between cues (the WEBVTT header with YouTube's
 * {@code Kind:}/{@code Language:} lines, NOTE, STYLE and REGION blocks, SRT counters, cue
 * identifiers) is not speech and is passed over. Blank lines right after a timing line are skipped,
 * as YouTube writes them; the line right before a timing line is that cue's identifier (an SRT
 * counter) even when no blank line comes before it.
 *
 * <p>Times are {@code [hours:]minutes:seconds[.fraction]} with {@code .} or {@code ,} before the
 * fraction. A line holding {@code -->} that is not such a timing, or whose end comes before its
 * start, fails the file with reason {@code bad_timestamp}: WebVTT allows {@code -->} nowhere else,
 * and a transcript whose times cannot be trusted should not yield evidence with wrong times.
 */
public final class CaptionCues {

  private static final String TIME = "(?:(\\d{1,9}):)?(\\d{1,2}):(\\d{1,2})(?:[.,](\\d{1,9}))?";
  private static final Pattern TIMING =
      Pattern.compile("^\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s.*)?$");

  private CaptionCues() {}

  /** One cue: its times in seconds and its text lines as written. */
  public record Cue(double start, double end, List<String> lines) {}

  @FunctionalInterface
  public interface CueHandler {
    void accept(Cue cue) throws TranscriptParseException;
  }

  /**
   * Hands every cue to {@code handler} in file order.
   *
   * @return how many cues the file holds
   */
  static int forEach(String text, CueHandler handler) throws TranscriptParseException {
    return forEach(text, Integer.MAX_VALUE, handler);
  }

  /**
   * Hands the first {@code maxCues} cues to {@code handler} in file order.
   *
   * @return how many cues were handed
   */
  public static int forEach(String text, int maxCues, CueHandler handler)
      throws TranscriptParseException {
    int cues = 0;
    int lineNumber = 0;
    double start = 0;
    double end = 0;
    List<String> lines = null;
    boolean inText = false;
    boolean previousWasText = false;
    for (String line : Lines.of(text)) {
      lineNumber++;
      if (line.contains("-->")) {
        if (cues == maxCues) {
          return cues;
        }
        if (lines != null) {
          if (inText && previousWasText) {
            lines.remove(lines.size() - 1); // the next cue's identifier, not the last line of text
          }
          handler.accept(new Cue(start, end, lines));
          cues++;
        }
        Matcher timing = TIMING.matcher(line);
        if (!timing.matches()) {
          throw badTiming(lineNumber, line, "is not a cue timing");
        }
        start = seconds(timing, 1, lineNumber, line);
        end = seconds(timing, 5, lineNumber, line);
        if (end < start) {
          throw badTiming(lineNumber, line, "ends before it starts");
        }
        lines = new ArrayList<>();
        inText = true;
        previousWasText = false;
      } else if (inText && line.isBlank()) {
        inText = lines.isEmpty();
        previousWasText = false;
      } else if (inText) {
        lines.add(line);
        previousWasText = true;
      }
    }
    if (lines != null && cues < maxCues) {
      handler.accept(new Cue(start, end, lines));
      cues++;
    }
    return cues;
  }

  private static double seconds(Matcher timing, int group, int lineNumber, String line)
      throws TranscriptParseException {
    String hours = timing.group(group);
    int minutes = Integer.parseInt(timing.group(group + 1));
    int seconds = Integer.parseInt(timing.group(group + 2));
    String fraction = timing.group(group + 3);
    if (minutes > 59 || seconds > 59) {
      throw badTiming(lineNumber, line, "has minutes or seconds above 59");
    }
    return (hours == null ? 0 : Long.parseLong(hours) * 3600)
        + minutes * 60
        + seconds
        + (fraction == null ? 0 : Double.parseDouble("0." + fraction));
  }

  private static TranscriptParseException badTiming(int lineNumber, String line, String problem) {
    String shown = line.strip();
    if (shown.length() > 80) {
      shown = shown.substring(0, 80) + "...";
    }
    return new TranscriptParseException(
        "bad_timestamp",
        "line "
            + lineNumber
            + ": '"
            + shown
            + "' "
            + problem
            + "; a cue timing reads '00:01:02.500 --> 00:01:04.000' (SRT: '00:01:02,500 -->"
            + " 00:01:04,000')");
  }
}
