package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.text.HeadedTurns;
import dev.beliefs.parse.text.LabelCandidate;
import dev.beliefs.parse.text.Paragraphs;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Otter.ai's text export: each turn starts with a header line, the speaker's name, two spaces or
 * more and the start time ({@code Speaker Name 0:03}, {@code Kay Taylor 1:02:03}; just the time
 * when speakers were not identified), and its words follow on the next lines until the next header
 * ({@link HeadedTurns}). Otter's closing line {@code Transcribed by https://otter.ai} is not
 * speech. It is recognised by its headers starting at least half of the paragraphs, whatever the
 * file is called. The text is the turn's lines joined by single spaces.
 */
public final class OtterTextFormat implements TranscriptFormat {

  private static final Pattern HEADER =
      Pattern.compile(
          "^(?:(?<name>\\S.{0,79}?)[ \\t]{2,}|)(?<time>(?:\\d{1,2}:)?\\d{1,3}:\\d{2})$");
  private static final Pattern FOOTER =
      Pattern.compile("(?i)^transcribed by https?://(?:www\\.)?otter\\.ai/?$");

  @Override
  public String name() {
    return "otter-text";
  }

  @Override
  public String expects() {
    return "turns that start with a header line 'Speaker Name  0:03' (two spaces, then the time)"
        + " and continue on the lines below";
  }

  @Override
  public boolean claims(String fileName, String text) {
    return !JsonOutline.looksLikeJson(text)
        && HeadedTurns.startMostParagraphs(
            text, line -> HEADER.matcher(line).matches() || FOOTER.matcher(line).matches(), 2);
  }

  @Override
  public int resemblance(String fileName, String text) {
    int[] headers = {0};
    Paragraphs.forEachLine(text, (line, start) -> headers[0] += header(line) != null ? 1 : 0);
    return Math.min(headers[0], 1);
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return HeadedTurns.utterances(
        text, OtterTextFormat::header, line -> FOOTER.matcher(line).matches(), words -> words);
  }

  private static HeadedTurns.Header header(String line) {
    Matcher header = HEADER.matcher(line);
    if (!header.matches()) {
      return null;
    }
    String name = header.group("name");
    return new HeadedTurns.Header(
        name == null ? null : name.strip(), LabelCandidate.seconds(header.group("time")), "");
  }
}
