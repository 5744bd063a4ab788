package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.utterances.SpeechPieces;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The podcast namespace's HTML transcript ({@code <podcast:transcript type="text/html">}): {@code
 * <cite>} names the speaker (a trailing colon dropped), {@code <time>} gives the start of the
 * monologue that follows ({@code 0:09}, {@code 1:02:03}), and each {@code <p>} is speech. A {@code
 * <cite>} inside a {@code <p>} names that paragraph's speaker. It is recognised by an {@code .html}
 * or {@code .htm} name, or by text that starts with a tag and holds {@code <p>} and {@code <cite>}
 * or {@code <time>}. The text is each paragraph's text as a browser shows it (tags dropped,
 * character references such as {@code &#39;} decoded, whitespace collapsed); paragraphs of one
 * speaker form a turn, as {@link SpeechPieces#utterances} says.
 */
public final class PodcastHtmlFormat implements TranscriptFormat {

  private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,2}):)?(\\d{1,3}):(\\d{2})");

  @Override
  public String name() {
    return "podcast-html";
  }

  @Override
  public String expects() {
    return "HTML with the speaker in <cite>, the start in <time> and the words in <p>";
  }

  @Override
  public boolean claims(String fileName, String text) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".html") || lower.endsWith(".htm")) {
      return true;
    }
    String head = text.substring(0, Math.min(text.length(), 4_000)).toLowerCase(Locale.ROOT);
    return head.stripLeading().startsWith("<")
        && head.contains("<p")
        && (head.contains("<cite") || head.contains("<time"));
  }

  @Override
  public int resemblance(String fileName, String text) {
    return text.stripLeading().startsWith("<") ? 1 : 0;
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    Element body = Jsoup.parse(text).body();
    SpeechPieces pieces =
        handler -> {
          String speaker = null;
          Double start = null;
          for (Element element : body.select("cite, time, p")) {
            switch (element.normalName()) {
              case "cite" -> {
                if (!insideParagraph(element)) {
                  speaker = speakerOf(element);
                }
              }
              case "time" -> {
                if (!insideParagraph(element)) {
                  start = seconds(element);
                }
              }
              default -> {
                Element cite = element.selectFirst("cite");
                Element time = element.selectFirst("time");
                Element paragraph = element.clone();
                paragraph.select("cite, time").remove();
                handler.accept(
                    cite == null ? speaker : speakerOf(cite),
                    time == null ? start : seconds(time),
                    null,
                    paragraph.text());
                start = null;
              }
            }
          }
        };
    List<Utterance> utterances = SpeechPieces.utterances(pieces);
    if (utterances.isEmpty()) {
      throw new TranscriptParseException(
          "no_speech", "found no <p> paragraphs with words; expected " + expects());
    }
    return utterances;
  }

  private static boolean insideParagraph(Element element) {
    return element.parent() != null && element.parent().normalName().equals("p");
  }

  private static String speakerOf(Element cite) {
    return cite.text().replaceAll("\\s*[:：]\\s*$", "").strip();
  }

  private static Double seconds(Element time) {
    Matcher clock = CLOCK.matcher(time.attr("datetime").strip());
    if (!clock.matches()) {
      clock = CLOCK.matcher(time.text().strip());
    }
    if (!clock.matches()) {
      return null;
    }
    int hours = clock.group(1) == null ? 0 : Integer.parseInt(clock.group(1));
    return hours * 3600.0
        + Integer.parseInt(clock.group(2)) * 60
        + Integer.parseInt(clock.group(3));
  }
}
