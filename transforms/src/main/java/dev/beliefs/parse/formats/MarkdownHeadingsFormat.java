package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.json.JsonOutline;
import dev.beliefs.parse.text.HeadedTurns;
import dev.beliefs.parse.text.LabelCandidate;
import dev.beliefs.parse.text.TextNotes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown transcripts whose turns open with the speaker in bold and the time in brackets, as
 * Descript-style Markdown exports and transcripts published in that shape write them: {@code
 * **Lenny Rachitsky** (00:00:01):} on its own line with the words on the lines below, or {@code
 * **Jimmy Wales** (00:00:00): words} on one line; {@code [00:00:03]} and {@code (01:02)} times, and
 * no colon, are read too. Only these headings start turns ({@link HeadedTurns}), so {@code Name:}
 * inside the words is speech. Lines before the first heading (front matter, titles) and Markdown
 * headings are left out. It is recognised by such headings starting at least a third of the
 * paragraphs, whatever the file is called. The text is the turn's lines joined by single spaces,
 * without bold markers, backslash escapes, sounds and notes ({@link TextNotes}).
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
    return !JsonOutline.looksLikeJson(text)
        && HeadedTurns.startMostParagraphs(text, line -> HEADING.matcher(line).matches(), 3);
  }

  @Override
  public int resemblance(String fileName, String text) {
    return text.contains("**") ? 1 : 0;
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return HeadedTurns.utterances(
        text,
        MarkdownHeadingsFormat::heading,
        TextNotes::isMarkdownHeading,
        words -> EMPHASIS.matcher(TextNotes.withoutNotes(words)).replaceAll(""));
  }

  private static HeadedTurns.Header heading(String line) {
    Matcher heading = HEADING.matcher(line);
    return heading.matches()
        ? new HeadedTurns.Header(
            heading.group("name").strip(),
            LabelCandidate.seconds(heading.group("time")),
            heading.group("rest"))
        : null;
  }
}
