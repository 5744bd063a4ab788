package dev.beliefs.pipeline.report;

import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The beliefs three ways: by speaker (with stance counts and topics), by topic, and by transcript
 * with their evidence, in HTML with the data attributes the page's filters read, and in Markdown.
 * At most {@link RunReport#MAX_LISTED_BELIEFS} are listed in each view.
 */
final class BeliefViews {

  private final List<MergedBelief> beliefs;
  private final Map<String, List<MergedBelief>> byTranscript;

  BeliefViews(Map<String, List<MergedBelief>> byTranscript) {
    this.byTranscript = byTranscript;
    this.beliefs = byTranscript.values().stream().flatMap(List::stream).toList();
  }

  /** Speakers with the most beliefs first. */
  Map<String, List<MergedBelief>> bySpeaker() {
    return grouped(MergedBelief::speaker);
  }

  /** Topics with the most beliefs first. */
  Map<String, List<MergedBelief>> byTopic() {
    return grouped(MergedBelief::topic);
  }

  private Map<String, List<MergedBelief>> grouped(
      java.util.function.Function<MergedBelief, String> key) {
    Map<String, List<MergedBelief>> groups =
        beliefs.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    return groups.entrySet().stream()
        .sorted(
            Comparator.comparingInt(
                    (Map.Entry<String, List<MergedBelief>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** {@code affirms 5, denies 1, unsure 2}. */
  static String stanceCounts(List<MergedBelief> beliefs) {
    Map<String, Long> counts = new TreeMap<>();
    beliefs.forEach(b -> counts.merge(b.stance(), 1L, Long::sum));
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + Numbers.count(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** {@code space (3), budget (1)}, most frequent first. */
  static String topicCounts(List<MergedBelief> beliefs) {
    Map<String, Long> counts = new TreeMap<>();
    beliefs.forEach(b -> counts.merge(b.topic(), 1L, Long::sum));
    return counts.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue()))
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }

  String speakersHtml() {
    StringBuilder html = new StringBuilder();
    int listed = 0;
    for (Map.Entry<String, List<MergedBelief>> speaker : bySpeaker().entrySet()) {
      List<MergedBelief> theirs = speaker.getValue();
      html.append("<section class=\"speaker\" data-speaker=\"")
          .append(Html.escape(speaker.getKey()))
          .append("\">\n<h3>")
          .append(Html.escape(speaker.getKey()))
          .append(" <small>(")
          .append(Numbers.count(theirs.size()))
          .append(theirs.size() == 1 ? " belief" : " beliefs")
          .append(")</small></h3>\n<p>Stances: ")
          .append(Html.escape(stanceCounts(theirs)))
          .append(". Topics: ")
          .append(Html.escape(topicCounts(theirs)))
          .append(". Transcripts: ")
          .append(Html.escape(String.join(", ", new TreeSet<>(transcripts(theirs)))))
          .append(".</p>\n<ul>\n");
      for (MergedBelief belief : theirs) {
        if (listed++ >= RunReport.MAX_LISTED_BELIEFS) {
          break;
        }
        html.append(item(belief, false));
      }
      html.append("</ul>\n</section>\n");
    }
    return html.toString();
  }

  String topicsHtml() {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<MergedBelief>> topic : byTopic().entrySet()) {
      rows.add(
          List.of(
              topic.getKey(),
              Numbers.count(topic.getValue().size()),
              stanceCounts(topic.getValue()),
              String.join(
                  ", ",
                  new TreeSet<>(topic.getValue().stream().map(MergedBelief::speaker).toList()))));
    }
    return new Table("Topics", List.of("topic", "beliefs", "stances", "speakers"), rows).htmlRows();
  }

  String beliefsHtml() {
    StringBuilder html = new StringBuilder();
    int listed = 0;
    for (Map.Entry<String, List<MergedBelief>> transcript : byTranscript.entrySet()) {
      html.append("<h3>")
          .append(Html.escape(transcript.getKey()))
          .append(" <small>(")
          .append(Numbers.count(transcript.getValue().size()))
          .append(")</small></h3>\n<ul>\n");
      for (MergedBelief belief : transcript.getValue()) {
        if (listed++ >= RunReport.MAX_LISTED_BELIEFS) {
          break;
        }
        html.append(item(belief, true));
      }
      html.append("</ul>\n");
    }
    return html.append(more()).toString();
  }

  /** One belief, with the attributes the filters read. */
  private static String item(MergedBelief belief, boolean withEvidence) {
    StringBuilder li =
        new StringBuilder("<li class=\"belief\"")
            .append(attribute("speaker", belief.speaker()))
            .append(attribute("stance", belief.stance()))
            .append(attribute("topic", belief.topic()))
            .append(attribute("confidence", Numbers.twoDecimals(belief.confidence())))
            .append("><b>")
            .append(Html.escape(belief.speaker()))
            .append("</b> <span class=\"stance ")
            .append(Html.escape(belief.stance()))
            .append("\">")
            .append(Html.escape(belief.stance()))
            .append("</span> ")
            .append(Html.escape(belief.statement()))
            .append(" <small>(confidence ")
            .append(Numbers.twoDecimals(belief.confidence()))
            .append(", topic ")
            .append(Html.escape(belief.topic()))
            .append(withEvidence ? ", levels " + belief.levels() : ", " + belief.transcriptId())
            .append(")</small>");
    if (withEvidence) {
      for (Evidence evidence : belief.evidence()) {
        li.append("<blockquote>")
            .append(Html.escape(evidence.quote()))
            .append(" <small>(")
            .append(Html.escape(where(evidence)))
            .append(")</small></blockquote>");
      }
    }
    return li.append("</li>\n").toString();
  }

  private static String attribute(String name, String value) {
    return " data-" + name + "=\"" + Html.escape(value) + "\"";
  }

  String speakersMarkdown() {
    StringBuilder md = new StringBuilder();
    for (Map.Entry<String, List<MergedBelief>> speaker : bySpeaker().entrySet()) {
      List<MergedBelief> theirs = speaker.getValue();
      md.append("### ")
          .append(speaker.getKey())
          .append(" (")
          .append(Numbers.count(theirs.size()))
          .append(")\n\nStances: ")
          .append(stanceCounts(theirs))
          .append(". Topics: ")
          .append(topicCounts(theirs))
          .append(".\n\n");
    }
    return md.toString();
  }

  String topicsMarkdown() {
    StringBuilder md = new StringBuilder("| topic | beliefs | speakers |\n|---|---|---|\n");
    for (Map.Entry<String, List<MergedBelief>> topic : byTopic().entrySet()) {
      md.append("| ")
          .append(topic.getKey().replace("|", "\\|"))
          .append(" | ")
          .append(Numbers.count(topic.getValue().size()))
          .append(" | ")
          .append(
              String.join(
                      ", ",
                      new TreeSet<>(topic.getValue().stream().map(MergedBelief::speaker).toList()))
                  .replace("|", "\\|"))
          .append(" |\n");
    }
    return md.append('\n').toString();
  }

  String beliefsMarkdown() {
    StringBuilder md = new StringBuilder();
    int listed = 0;
    for (Map.Entry<String, List<MergedBelief>> transcript : byTranscript.entrySet()) {
      md.append("### ")
          .append(transcript.getKey())
          .append(" (")
          .append(transcript.getValue().size())
          .append(")\n\n");
      for (MergedBelief belief : transcript.getValue()) {
        if (listed++ >= RunReport.MAX_LISTED_BELIEFS) {
          break;
        }
        md.append("- **")
            .append(belief.speaker())
            .append("** ")
            .append(belief.stance())
            .append(" (")
            .append(Numbers.twoDecimals(belief.confidence()))
            .append(", ")
            .append(belief.topic())
            .append(", levels ")
            .append(belief.levels())
            .append("): ")
            .append(belief.statement())
            .append('\n');
        for (Evidence evidence : belief.evidence()) {
          md.append("  > ")
              .append(evidence.quote())
              .append(" (")
              .append(where(evidence))
              .append(")\n");
        }
      }
      md.append('\n');
    }
    return md.append(more()).toString();
  }

  int total() {
    return beliefs.size();
  }

  List<String> speakers() {
    return new ArrayList<>(new TreeSet<>(beliefs.stream().map(MergedBelief::speaker).toList()));
  }

  List<String> topics() {
    return new ArrayList<>(new TreeSet<>(beliefs.stream().map(MergedBelief::topic).toList()));
  }

  List<String> stances() {
    return new ArrayList<>(new TreeSet<>(beliefs.stream().map(MergedBelief::stance).toList()));
  }

  private String more() {
    return beliefs.size() > RunReport.MAX_LISTED_BELIEFS
        ? Numbers.count(beliefs.size() - RunReport.MAX_LISTED_BELIEFS)
            + " more beliefs are in beliefs/ and beliefs.csv.\n"
        : "";
  }

  private static List<String> transcripts(List<MergedBelief> beliefs) {
    return beliefs.stream().map(MergedBelief::transcriptId).toList();
  }

  static String where(Evidence evidence) {
    String place = "u" + evidence.utteranceIndex();
    if (evidence.startSeconds() != null) {
      place += String.format(Locale.ROOT, ", %s", clock(evidence.startSeconds()));
      if (evidence.endSeconds() != null) {
        place += "–" + clock(evidence.endSeconds());
      }
    }
    return place;
  }

  private static String clock(double seconds) {
    long whole = (long) seconds;
    return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, (whole / 60) % 60, whole % 60);
  }
}
