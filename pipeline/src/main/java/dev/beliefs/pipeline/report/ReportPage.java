package dev.beliefs.pipeline.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's HTML and Markdown pages around its sections: a table of contents, and in HTML the
 * filters of the beliefs (speaker, stance, lowest confidence, topic), which run in the page itself
 * with no network, from a file, and keep their choice in the address's {@code #} part.
 */
final class ReportPage {

  /**
   * One section of the report.
   *
   * @param html the body under its heading
   * @param markdown the body under its heading
   */
  record Section(String title, String html, String markdown) {
    /** The heading's anchor, as GitHub makes it from a Markdown heading. */
    String id() {
      return title
          .toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{N} _-]", "")
          .strip()
          .replace(' ', '-');
    }
  }

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;max-width:72em;color:#222}"
          + "table{border-collapse:collapse;margin-bottom:1.5em}"
          + "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}"
          + "td:nth-child(n+2){font-variant-numeric:tabular-nums}"
          + "th{background:#f2f2f2}.charts svg{margin-right:1em}"
          + "blockquote{margin:0.2em 0 0.2em 1em;color:#444}"
          + "nav ol{columns:2}#filters{position:sticky;top:0;background:#fff;padding:0.5em 0;"
          + "border-bottom:1px solid #ccc}#filters label{margin-right:1em}"
          + ".stance{font-size:0.85em;padding:0 0.3em;border-radius:3px;background:#eee}"
          + ".affirms{background:#dfd}.denies{background:#fdd}.unsure{background:#ffd}"
          + "li.belief{margin-bottom:0.3em}";

  /** Hides each {@code .belief} that a filter rules out, and speakers left with none. */
  private static final String SCRIPT =
      String.join(
          "\n",
          "(function () {",
          "  var form = document.getElementById('filters');",
          "  var names = ['speaker', 'stance', 'topic', 'confidence'];",
          "  var beliefs = Array.prototype.slice.call(document.querySelectorAll('li.belief'));",
          "  function value(name) { return form.elements.namedItem(name).value; }",
          "  function apply() {",
          "    var min = parseFloat(value('confidence')) || 0;",
          "    var shown = 0;",
          "    beliefs.forEach(function (li) {",
          "      var keep = (!value('speaker') || li.dataset.speaker === value('speaker'))",
          "        && (!value('stance') || li.dataset.stance === value('stance'))",
          "        && (!value('topic') || li.dataset.topic === value('topic'))",
          "        && parseFloat(li.dataset.confidence) >= min;",
          "      li.hidden = !keep;",
          "      if (keep && li.closest('#beliefs-list')) { shown++; }",
          "    });",
          "    document.querySelectorAll('section.speaker').forEach(function (s) {",
          "      s.hidden = !s.querySelector('li.belief:not([hidden])');",
          "    });",
          "    document.getElementById('shown').textContent =",
          "      shown + ' of ' + form.dataset.total + ' beliefs shown';",
          "  }",
          "  var asked = new URLSearchParams(location.hash.slice(1));",
          "  names.forEach(function (n) {",
          "    if (asked.has(n)) { form.elements.namedItem(n).value = asked.get(n); }",
          "  });",
          "  form.addEventListener('input', function () {",
          "    var chosen = new URLSearchParams();",
          "    names.forEach(function (n) { if (value(n)) { chosen.set(n, value(n)); } });",
          "    try { history.replaceState(null, '', '#' + chosen.toString()); } catch (e) {}",
          "    apply();",
          "  });",
          "  apply();",
          "})();");

  /** The filters stay in view from this section on: the speakers and then every belief. */
  static final String FILTERED_FROM = "speakers";

  private ReportPage() {}

  static String html(String title, String headline, List<Section> sections, String filters) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>")
            .append(Html.escape(title))
            .append("</title>\n<style>\n")
            .append(STYLE)
            .append("\n</style>\n</head>\n<body>\n<h1>")
            .append(Html.escape(title))
            .append("</h1>\n<p>")
            .append(Html.escape(headline))
            .append("</p>\n<nav id=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
    for (Section section : sections) {
      html.append("<li><a href=\"#")
          .append(section.id())
          .append("\">")
          .append(Html.escape(section.title()))
          .append("</a></li>\n");
    }
    html.append("</ol>\n</nav>\n");
    for (Section section : sections) {
      if (section.id().equals(FILTERED_FROM)) {
        html.append(filters);
      }
      html.append("<section id=\"")
          .append(section.id())
          .append("\">\n<h2>")
          .append(Html.escape(section.title()))
          .append("</h2>\n")
          .append(section.html())
          .append("</section>\n");
    }
    return html.append("<script>\n")
        .append(SCRIPT)
        .append("\n</script>\n</body>\n</html>\n")
        .toString();
  }

  /** The filter form over {@code total} beliefs, with a choice for each value seen. */
  static String filters(
      int total, List<String> speakers, List<String> stances, List<String> topics) {
    return "<form id=\"filters\" data-total=\""
        + total
        + "\" onsubmit=\"return false\">\n"
        + select("speaker", "Speaker", speakers)
        + select("stance", "Stance", stances)
        + select("topic", "Topic", topics)
        + "<label>Confidence at least <input name=\"confidence\" type=\"number\" min=\"0\""
        + " max=\"1\" step=\"0.05\" value=\"\" size=\"4\"></label>\n"
        + "<output id=\"shown\"></output>\n</form>\n";
  }

  private static String select(String name, String label, List<String> values) {
    StringBuilder html =
        new StringBuilder("<label>")
            .append(label)
            .append(" <select name=\"")
            .append(name)
            .append("\"><option value=\"\">all</option>");
    for (String value : values) {
      html.append("<option>").append(Html.escape(value)).append("</option>");
    }
    return html.append("</select></label>\n").toString();
  }

  static String markdown(String title, String headline, List<Section> sections) {
    StringBuilder md =
        new StringBuilder("# ").append(title).append("\n\n").append(headline).append("\n\n");
    md.append("## Contents\n\n");
    for (Section section : sections) {
      md.append("- [").append(section.title()).append("](#").append(section.id()).append(")\n");
    }
    md.append('\n');
    for (Section section : sections) {
      md.append("## ").append(section.title()).append("\n\n").append(section.markdown());
    }
    return md.toString();
  }
}
