package dev.beliefs.pipeline.report;

import java.util.List;
import java.util.Locale;

/** A bar chart as a standalone SVG document: one labelled bar per value. */
record BarChart(String title, String valueUnit, List<String> labels, List<Double> values) {

  private static final int WIDTH = 560;
  private static final int HEIGHT = 260;
  private static final int MARGIN = 40;

  String svg() {
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double scale = max > 0 ? (HEIGHT - 2.0 * MARGIN) / max : 0;
    int slot = values.isEmpty() ? 0 : (WIDTH - 2 * MARGIN) / values.size();
    StringBuilder svg = new StringBuilder(Svg.open(WIDTH, HEIGHT, title));
    svg.append(Svg.text(WIDTH / 2, 20, "middle", 14, title));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n",
            MARGIN,
            HEIGHT - MARGIN,
            WIDTH - MARGIN,
            HEIGHT - MARGIN));
    for (int i = 0; i < values.size(); i++) {
      double height = values.get(i) * scale;
      int x = MARGIN + i * slot + slot / 6;
      int barWidth = Math.max(1, slot * 2 / 3);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#3b6ea8\"><title>%s: %s</title></rect>\n",
              x,
              HEIGHT - MARGIN - height,
              barWidth,
              height,
              Html.escape(labels.get(i)),
              format(values.get(i))));
      svg.append(Svg.text(x + barWidth / 2, HEIGHT - MARGIN + 16, "middle", 11, labels.get(i)));
      svg.append(
          Svg.text(
              x + barWidth / 2,
              (int) (HEIGHT - MARGIN - height - 4),
              "middle",
              10,
              format(values.get(i))));
    }
    svg.append(Svg.text(MARGIN, HEIGHT - 6, "start", 11, valueUnit));
    return svg.append("</svg>\n").toString();
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.6g", value);
  }
}
