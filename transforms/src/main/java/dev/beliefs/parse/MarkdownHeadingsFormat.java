package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown transcripts whose turns open with the speaker in bold and the time in brackets, as
 * Descript's Markdown export and transcripts published in its shape write them: {@code **Lenny
 * Rachitsky** (00:00:01):} on its own line with the words on the lines below, or {@code **Jimmy
 * Wales** (00:00:00): words} on one line; {@code [00:00:03]} and {@code (01:02)} times, and no
 * colon, are read too. Only these headings start turns, so {@code Name:} inside the words is
 * speech. Lines before the first heading (front matter, titles) and Markdown headings are left out.
 * It is recognised by such headings starting most paragraphs, whatever the file is called. The text
 * is the turn's lines joined by single spaces, Markdown emphasis and backslash escapes removed.
 */
public final class MarkdownHeadingsFormat implements TranscriptFormat {

  private static final Pattern HEADING =
      Pattern.compile(
          "^\\*\\*(?<name>[^*\\n]{1,80}?)[:：]?\\*\\*\\s*[(\\[]\\s*(?<time>(?:\\d{1,2}:)?\\d{1,3}:\\d{2}(?:[.,]\\d{1,3})?)\\s*[)\\]]\\s*[:：]?\\s*(?<rest>.*)$");
  private static final Pattern EMPHASIS =
      Pattern.compile("\\*\\*|__|\\\\(?=[\\\\`*_{}\\[\\]()#+\\-.!])");

  @Override
  public String name() {
    return "markdown-headings";
  }

  @Override
  public String expects() {
    return "turns that open with '**Name** (00:01:02)', the words after it or on the lines below";
  }

  @Override
  public boolean claims(String fileName, String text) {
    if (JsonOutline.looksLikeJson(text)) {
      return false;
    }
    int headings = 0;
    int paragraphs = 0;
    boolean afterBlank = true;
    for (String raw : Lines.of(text)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        afterBlank = true;
        continue;
      }
      headings += HEADING.matcher(line).matches() ? 1 : 0;
      paragraphs += afterBlank && !TextNotes.isMarkdownHeading(line) ? 1 : 0;
      afterBlank = TextNotes.isMarkdownHeading(line);
    }
    return headings >= 1 && headings * 3 >= paragraphs;
  }

  @Override
  public int resemblance(String fileName, String text) {
    return text.contains("**") ? 1 : 0;
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    SpeechPieces pieces =
        handler -> {
          String speaker = null;
          Double start = null;
          StringBuilder words = new StringBuilder();
          for (String raw : Lines.of(text)) {
            String line = raw.strip();
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
              flush(handler, speaker, start, words);
              speaker = heading.group("name").strip();
              start = LabelCandidate.seconds(heading.group("time"));
              line = heading.group("rest");
            }
            if (speaker != null && !TextNotes.isMarkdownHeading(line)) {
              words.append(line).append('\n');
            }
          }
          flush(handler, speaker, start, words);
        };
    List<Utterance> utterances = SpeechPieces.utterances(pieces);
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "the speaker headings are followed by no words");
    }
    return utterances;
  }

  private static void flush(
      SpeechPieces.Handler handler, String speaker, Double start, StringBuilder words)
      throws TranscriptParseException {
    if (speaker != null) {
      String speech = EMPHASIS.matcher(TextNotes.withoutNotes(words.toString())).replaceAll("");
      handler.accept(speaker, start, null, speech);
    }
    words.setLength(0);
  }
}
