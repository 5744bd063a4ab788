package dev.beliefs.pipeline.bench;

import dev.beliefs.pipeline.report.Svg;
import java.util.List;
import java.util.Locale;

/** Lines of (x, y) points as a standalone SVG document, with labelled axes and a legend. */
record LineChart(String title, String xLabel, String yLabel, List<Series> series) {

  /** One line: its name, colour and points. */
  record Series(String name, String colour, boolean dashed, List<double[]> points) {}

  private static final int WIDTH = 600;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 60;

  String svg() {
    double maxX =
        series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1);
    double maxY =
        series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
    StringBuilder svg = new StringBuilder(Svg.open(WIDTH, HEIGHT, title));
    svg.append(Svg.text(WIDTH / 2, 24, "middle", 15, title));
    svg.append(line(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, "#444"));
    svg.append(line(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN, "#444"));
    for (int tick = 0; tick <= 5; tick++) {
      double x = maxX * tick / 5;
      double y = maxY * tick / 5;
      svg.append(Svg.text((int) px(x, maxX), HEIGHT - MARGIN + 16, "middle", 11, number(x)));
      svg.append(Svg.text(MARGIN - 6, (int) py(y, maxY) + 4, "end", 11, number(y)));
    }
    svg.append(Svg.text(WIDTH / 2, HEIGHT - 18, "middle", 12, xLabel));
    svg.append(Svg.verticalText(16, HEIGHT / 2, 12, yLabel));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      StringBuilder points = new StringBuilder();
      for (double[] p : s.points()) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p[0], maxX), py(p[1], maxY)));
        if (!s.dashed()) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
                  px(p[0], maxX),
                  py(p[1], maxY),
                  s.colour()));
        }
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
              points.toString().strip(),
              s.colour(),
              s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      int legendY = MARGIN + 16 * i;
      svg.append(line(MARGIN + 12, legendY, MARGIN + 36, legendY, s.colour()));
      svg.append(Svg.text(MARGIN + 42, legendY + 4, "start", 12, s.name()));
    }
    return svg.append("</svg>\n").toString();
  }

  private static double px(double x, double maxX) {
    return MARGIN + (WIDTH - 2.0 * MARGIN) * x / maxX;
  }

  private static double py(double y, double maxY) {
    return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * y / maxY;
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String line(int x1, int y1, int x2, int y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>\n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }
}
