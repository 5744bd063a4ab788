package dev.beliefs.pipeline.report;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart as a standalone SVG document: one labelled bar per value, a y axis with {@value
 * #TICKS} ticks at round values and its unit, and the x axis's labels.
 */
record BarChart(String title, String valueUnit, List<String> labels, List<Double> values) {

  private static final int WIDTH = 560;
  private static final int HEIGHT = 280;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 36;
  private static final int BOTTOM = 44;
  private static final int TICKS = 4;

  String svg() {
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double step = niceStep(max / TICKS);
    double top = step * TICKS;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;
    int baseline = HEIGHT - BOTTOM;
    StringBuilder svg = new StringBuilder(Svg.open(WIDTH, HEIGHT, title));
    svg.append(Svg.text(WIDTH / 2, 20, "middle", 14, title));
    for (int i = 0; i <= TICKS; i++) {
      double value = step * i;
      int y = baseline - (int) Math.round(plotHeight * value / top);
      svg.append(Svg.line(LEFT - 4, y, WIDTH - RIGHT, y, i == 0 ? "#444" : "#ddd"));
      svg.append(Svg.text(LEFT - 8, y + 4, "end", 10, Numbers.axis(value)));
    }
    svg.append(Svg.line(LEFT, TOP, LEFT, baseline, "#444"));
    svg.append(Svg.verticalText(16, TOP + plotHeight / 2, 11, valueUnit));
    int slot = values.isEmpty() ? 0 : plotWidth / values.size();
    for (int i = 0; i < values.size(); i++) {
      double height = plotHeight * values.get(i) / top;
      int x = LEFT + i * slot + slot / 6;
      int barWidth = Math.max(1, slot * 2 / 3);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#3b6ea8\">"
                  + "<title>%s: %s %s</title></rect>\n",
              x,
              baseline - height,
              barWidth,
              height,
              Html.escape(labels.get(i)),
              Numbers.axis(values.get(i)),
              Html.escape(valueUnit)));
      svg.append(Svg.text(x + barWidth / 2, baseline + 16, "middle", 11, labels.get(i)));
    }
    return svg.append("</svg>\n").toString();
  }

  /** The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      if (factor * power >= rough * (1 - 1e-9)) {
        return factor * power;
      }
    }
    return 10 * power;
  }
}
