package dev.beliefs.pipeline.report;

import java.util.List;

/** A titled table of text cells, rendered as Markdown or HTML. */
record Table(String title, List<String> header, List<List<String>> rows) {

  String markdown() {
    StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
    out.append(markdownRow(header));
    out.append("|").append("---|".repeat(header.size())).append('\n');
    rows.forEach(row -> out.append(markdownRow(row)));
    return out.append('\n').toString();
  }

  /** The table alone, for a section that has its own heading. */
  String htmlRows() {
    StringBuilder out = new StringBuilder("<table>\n<tr>");
    header.forEach(cell -> out.append("<th>").append(Html.escape(cell)).append("</th>"));
    out.append("</tr>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(Html.escape(cell)).append("</td>"));
      out.append("</tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  private static String markdownRow(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    cells.forEach(
        cell -> row.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |"));
    return row.append('\n').toString();
  }
}
