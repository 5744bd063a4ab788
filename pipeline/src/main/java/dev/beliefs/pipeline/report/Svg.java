package dev.beliefs.pipeline.report;

import java.util.Locale;

/** The pieces the project's SVG charts share: the document's opening, and escaped text. */
public final class Svg {

  private Svg() {}

  /** The opening tag of a {@code width} x {@code height} document on a white background. */
  public static String open(int width, int height, String label) {
    return String.format(
        Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s\">\n"
            + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
        width,
        height,
        width,
        height,
        Html.escape(label));
  }

  /** Sans-serif text at (x, y), anchored {@code start}, {@code middle} or {@code end}. */
  public static String text(int x, int y, String anchor, int size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-family=\"sans-serif\" font-size=\"%d\">%s</text>\n",
        x,
        y,
        anchor,
        size,
        Html.escape(content));
  }

  /** Sans-serif text centred on (x, y), turned to read upwards, as a y axis's label. */
  public static String verticalText(int x, int y, int size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" text-anchor=\"middle\""
            + " font-family=\"sans-serif\" font-size=\"%d\">%s</text>\n",
        x,
        y,
        x,
        y,
        size,
        Html.escape(content));
  }

  /** A one-pixel line from (x1, y1) to (x2, y2): an axis or a grid line. */
  public static String line(int x1, int y1, int x2, int y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }
}
