package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A window of {@code level} consecutive utterances of one transcript: the unit sent to the model.
 *
 * @param transcriptId the transcript it comes from
 * @param source the transcript's source URI, for failure records
 * @param level window size in utterances
 * @param window position of the window among the transcript's windows of this level, from 0
 * @param utterances the utterances it covers, in order
 * @param estimatedPromptTokens tokens of the whole prompt (system prompt included) as the model's
 *     tokenizer counts them; used to order and pace requests
 */
@DefaultCoder(JsonCoder.class)
public record Chunk(
    String transcriptId,
    String source,
    int level,
    int window,
    List<Utterance> utterances,
    int estimatedPromptTokens)
    implements Serializable {

  private static final Pattern RENDERED_LINE = Pattern.compile("\\[u(\\d+)] (.+?): (.*)");

  public Chunk {
    utterances = List.copyOf(utterances);
  }

  /** Stable across runs: the same transcript, level and window give the same id. */
  public String id() {
    return String.format(Locale.ROOT, "%s#L%d-W%04d", transcriptId, level, window);
  }

  public int firstUtterance() {
    return utterances.get(0).index();
  }

  public int lastUtterance() {
    return utterances.get(utterances.size() - 1).index();
  }

  /** One line per utterance, {@code [u12] Speaker: text}, so that evidence can point back. */
  public String text() {
    return utterances.stream().map(Chunk::render).collect(Collectors.joining("\n"));
  }

  public List<String> speakers() {
    return utterances.stream().map(Utterance::speaker).distinct().sorted().toList();
  }

  public int wordCount() {
    return utterances.stream().mapToInt(Utterance::wordCount).sum();
  }

  public static String render(Utterance utterance) {
    return "[u" + utterance.index() + "] " + utterance.speaker() + ": " + utterance.text();
  }

  /**
   * The utterances of a text made of {@link #render} lines, as a server reads them back out of a
   * prompt: lines before the first {@code [u12] Speaker: } line are ignored, and a later line
   * without the tag continues the utterance before it. The speaker ends at the first {@code ": "};
   * times are unknown.
   */
  public static List<Utterance> parseRendered(String text) {
    List<Utterance> utterances = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      Matcher tagged = RENDERED_LINE.matcher(line);
      if (tagged.matches()) {
        utterances.add(
            new Utterance(
                Integer.parseInt(tagged.group(1)), tagged.group(2), null, null, tagged.group(3)));
      } else if (!utterances.isEmpty()) {
        Utterance last = utterances.remove(utterances.size() - 1);
        utterances.add(
            new Utterance(last.index(), last.speaker(), null, null, last.text() + "\n" + line));
      }
    }
    return utterances;
  }
}
