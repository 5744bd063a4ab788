package dev.beliefs.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders options in groups, each with the form of its value, its default or that it is required,
 * and its description wrapped to {@value #WIDTH} columns.
 */
public final class OptionsHelp {

  static final int WIDTH = 100;
  private static final String INDENT = "      ";

  private final Map<String, OptionSpec> specs;

  /**
   * @param specs where descriptions, defaults and types come from
   */
  public OptionsHelp(Map<String, OptionSpec> specs) {
    this.specs = specs;
  }

  public String render(List<HelpGroup> groups) {
    StringBuilder out = new StringBuilder();
    for (HelpGroup group : groups) {
      out.append('\n').append(group.title()).append(":\n");
      for (HelpGroup.Option option : group.options()) {
        OptionSpec spec = specs.get(option.name());
        if (spec == null) {
          throw new IllegalStateException("no option named " + option.name());
        }
        out.append("  --")
            .append(option.name())
            .append('=')
            .append(option.metavar() != null ? option.metavar() : spec.metavar())
            .append("  (")
            .append(defaultText(option, spec))
            .append(")\n");
        String description =
            option.description() != null ? option.description() : spec.description();
        wrap(description, WIDTH - INDENT.length())
            .forEach(line -> out.append(INDENT).append(line).append('\n'));
      }
    }
    return out.toString();
  }

  private static String defaultText(HelpGroup.Option option, OptionSpec spec) {
    if (option.defaultText() != null) {
      return "default: " + option.defaultText();
    }
    if (spec.required()) {
      return "required";
    }
    if (spec.defaultValue() != null) {
      return "default: " + (spec.defaultValue().isEmpty() ? "none" : spec.defaultValue());
    }
    return "default: none";
  }

  /** Lines of at most {@code width} characters, broken between words. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
