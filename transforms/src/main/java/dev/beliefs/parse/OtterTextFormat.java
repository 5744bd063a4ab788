package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Otter.ai's text export: each turn starts with a header line, the speaker's name, two spaces or
 * more and the start time ({@code Speaker Name 0:03}, {@code Kay Taylor 1:02:03}; just the time
 * when speakers were not identified), and its words follow on the next lines until the next header.
 * Otter's closing line {@code Transcribed by https://otter.ai} is not speech. It is recognised by
 * its headers, whatever the file is called: at least two, or one on the first line, and most
 * paragraphs starting with one. Only headers start turns, so a colon in the words never makes a
 * speaker. The text is the turn's lines joined by single spaces.
 */
public final class OtterTextFormat implements TranscriptFormat {

  private static final Pattern HEADER =
      Pattern.compile(
          "^(?:(?<name>\\S.{0,79}?)[ \\t]{2,}|)(?<time>(?:\\d{1,2}:)?\\d{1,3}:\\d{2})\\s*$");
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
    if (JsonOutline.looksLikeJson(text)) {
      return false;
    }
    int headers = 0;
    int paragraphs = 0;
    boolean firstLineHeader = false;
    boolean afterBlank = true;
    for (String raw : Lines.of(text)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        afterBlank = true;
        continue;
      }
      boolean header = isHeader(raw);
      firstLineHeader |= header && paragraphs == 0 && headers == 0;
      headers += header ? 1 : 0;
      paragraphs += afterBlank && !FOOTER.matcher(line).matches() ? 1 : 0;
      afterBlank = false;
    }
    return (headers >= 2 || firstLineHeader) && headers * 2 >= paragraphs;
  }

  @Override
  public int resemblance(String fileName, String text) {
    for (String raw : Lines.of(text)) {
      if (isHeader(raw)) {
        return 1;
      }
    }
    return 0;
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    SpeechPieces pieces =
        handler -> {
          String speaker = null;
          Double start = null;
          StringBuilder words = new StringBuilder();
          for (String raw : Lines.of(text)) {
            Matcher header = HEADER.matcher(raw.strip().isEmpty() ? "" : raw.stripTrailing());
            if (!raw.isBlank() && header.matches()) {
              handler.accept(speaker, start, null, words.toString());
              words.setLength(0);
              speaker = header.group("name") == null ? null : header.group("name").strip();
              start = LabelCandidate.seconds(header.group("time"));
            } else if (!FOOTER.matcher(raw.strip()).matches()) {
              words.append(raw).append('\n');
            }
          }
          handler.accept(speaker, start, null, words.toString());
        };
    List<Utterance> utterances = SpeechPieces.utterances(pieces);
    if (utterances.isEmpty()) {
      throw new TranscriptParseException("no_speech", "the turn headers are followed by no words");
    }
    return utterances;
  }

  private static boolean isHeader(String raw) {
    return !raw.isBlank() && HEADER.matcher(raw.stripTrailing()).matches();
  }
}
