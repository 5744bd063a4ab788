package dev.beliefs.pipeline.cli;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A titled group of options in a command's help.
 *
 * @param options the options, in the order shown
 */
public record HelpGroup(String title, List<Option> options) {

  public static HelpGroup of(String title, Option... options) {
    return new HelpGroup(title, List.of(options));
  }

  /**
   * One option as the help shows it. What is null is taken from the option's declaration.
   *
   * @param metavar what the value looks like ({@code PATTERN}, {@code DIR})
   * @param defaultText the default in words, where {@code @Default} cannot say it (it depends on
   *     other options, or the option is Beam's)
   * @param description for options that are Beam's, a shorter text than Beam's
   */
  public record Option(
      String name,
      @Nullable String metavar,
      @Nullable String defaultText,
      @Nullable String description) {}

  public static Option option(String name) {
    return new Option(name, null, null, null);
  }

  public static Option option(String name, String metavar) {
    return new Option(name, metavar, null, null);
  }

  public static Option option(String name, String metavar, String defaultText) {
    return new Option(name, metavar, defaultText, null);
  }

  public static Option beamOption(
      String name, String metavar, String defaultText, String description) {
    return new Option(name, metavar, defaultText, description);
  }
}
