package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.captions.Captions;
import dev.beliefs.parse.utterances.SpeakerTurns;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubRip captions ({@code .srt}, or a file that opens with a counter line and a timing line {@code
 * 00:00:01,000 --> ...}). A line that starts with a diarizer's label, {@code [speaker 0]}, {@code
 * [SPEAKER_00]:} or {@code Speaker 1:}, starts that speaker's speech; a cue without one continues
 * the previous speaker. See {@link Captions} and {@link SpeakerTurns} for how cues become
 * utterances.
 */
public final class SrtFormat implements TranscriptFormat {

  private static final String LABEL = "speaker(?:[ _-]?\\d{1,6}|[ _-]\\p{L})";
  private static final Pattern SPEAKER_LINE =
      Pattern.compile("(?i)^\\s*(?:\\[(" + LABEL + ")\\]\\s*:?|(" + LABEL + ")\\s*:)\\s*(.*)$");
  private static final Pattern OPENING =
      Pattern.compile("\\A\\s*\\d{1,9}[ \\t]*\\n[ \\t]*\\d{1,2}:\\d{2}:\\d{2},\\d{1,3}[ \\t]*-->");

  @Override
  public String name() {
    return "srt";
  }

  @Override
  public String expects() {
    return "numbered cues: a counter line, a timing line '00:00:01,000 --> 00:00:04,000' and the"
        + " words";
  }

  @Override
  public int resemblance(String fileName, String text) {
    return text.contains("-->") ? 1 : 0;
  }

  @Override
  public boolean claims(String fileName, String text) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".srt")
        || OPENING.matcher(text.substring(0, Math.min(text.length(), 200))).find();
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return Captions.utterances(text, SrtFormat::speakerLines);
  }

  private static List<Captions.Run> speakerLines(List<String> cueLines) {
    return Captions.runsAtLabels(cueLines, SrtFormat::speakerLine);
  }

  private static Captions.Run speakerLine(String line) {
    Matcher label = SPEAKER_LINE.matcher(line);
    if (!label.matches()) {
      return null;
    }
    String name = label.group(1) != null ? label.group(1) : label.group(2);
    return new Captions.Run(
        Character.toUpperCase(name.charAt(0)) + name.substring(1), label.group(3));
  }
}
