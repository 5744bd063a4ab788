package dev.beliefs.pipeline.cli;

import dev.beliefs.pipeline.BeliefOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.aws2.options.S3Options;

/**
 * Checks a command's {@code --name=value} arguments before Beam reads them, so that a mistake is
 * told in the option's own terms: which option, what it got, and the form it takes. Beam's own
 * messages name a Java type ({@code Cannot deserialize value of type `int`}) or an internal list
 * ({@code expected one element but was: <a, b>}).
 *
 * <p>Options named in {@code joined} may be repeated: their values are joined with commas, as if
 * given comma-separated.
 */
public final class OptionArgs {

  private final String command;
  private final Map<String, OptionSpec> known;
  private final Set<String> joined;

  public OptionArgs(String command, Map<String, OptionSpec> known, Set<String> joined) {
    this.command = command;
    this.known = known;
    this.joined = joined;
  }

  /**
   * The arguments of {@code extract} or {@code estimate}: the job's options, Beam's and S3's;
   * {@code --input} may be repeated.
   */
  public static OptionArgs forExtract(String command) {
    return new OptionArgs(
        command, OptionSpec.known(BeliefOptions.class, S3Options.class), Set.of("input"));
  }

  /** The arguments to hand to Beam; throws with one line naming the first mistake. */
  public String[] check(String[] args) throws IllegalArgumentException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException(
            "'" + arg + "' is not an option: options are written --name=value" + seeHelp());
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      String value = equals < 0 ? null : arg.substring(equals + 1);
      OptionSpec spec = known.get(name);
      if (spec == null) {
        throw new IllegalArgumentException(unknown(name));
      }
      if (value == null && !spec.isBoolean()) {
        throw new IllegalArgumentException(
            "--" + name + " needs a value, as --" + name + "=" + example(spec));
      }
      if (value != null) {
        checkValue(spec, value);
      }
      if (spec.isList()) {
        others.add(arg);
      } else {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value == null ? "true" : value);
      }
    }
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, List<String>> option : values.entrySet()) {
      String name = option.getKey();
      List<String> given = option.getValue();
      if (given.size() > 1 && !joined.contains(name)) {
        throw new IllegalArgumentException(
            "--"
                + name
                + " was given "
                + given.size()
                + " times ("
                + String.join(", ", given)
                + "): give it once");
      }
      checked.add("--" + name + "=" + String.join(",", given));
    }
    checked.addAll(others);
    return checked.toArray(String[]::new);
  }

  private void checkValue(OptionSpec spec, String value) {
    String name = spec.name();
    String form =
        switch (spec.metavar()) {
          case "N" -> parses(() -> Long.parseLong(value.strip())) ? null : "a whole number";
          case "X" -> parses(() -> Double.parseDouble(value.strip())) ? null : "a number";
          case "true|false" ->
              value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                  ? null
                  : "true or false";
          default ->
              spec.type().isEnum() && !spec.enumNames().contains(value)
                  ? "one of " + String.join(", ", spec.enumNames())
                  : null;
        };
    if (form != null) {
      throw new IllegalArgumentException(
          "--"
              + name
              + "="
              + value
              + ": expected "
              + form
              + ", as --"
              + name
              + "="
              + example(spec));
    }
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String example(OptionSpec spec) {
    if (spec.defaultValue() != null && !spec.defaultValue().isEmpty()) {
      return spec.defaultValue();
    }
    return switch (spec.metavar()) {
      case "N" -> "10";
      case "X" -> "2.5";
      case "true|false" -> "true";
      default -> spec.type().isEnum() ? spec.enumNames().get(0) : "...";
    };
  }

  private String unknown(String name) {
    for (String candidate : known.keySet()) {
      if (candidate.equalsIgnoreCase(name)) {
        return "--"
            + name
            + " is not an option of "
            + command
            + "; did you mean --"
            + candidate
            + "?";
      }
    }
    return "--" + name + " is not an option of " + command + seeHelp();
  }

  private String seeHelp() {
    return String.format(Locale.ROOT, " (see ./beliefs %s --help)", command);
  }
}
