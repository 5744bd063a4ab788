package dev.beliefs.parse.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A line of plain text that starts with what may be a speaker label; whether it is one is for
 * {@link SpeakerLabels} to say, from the whole file. The shapes read, each with {@code :} or a
 * full-width {@code ：}:
 *
 * <ul>
 *   <li>{@code Name: text}, {@code Name (Role): text}, {@code **Name:** text}, {@code **Name**:
 *       text};
 *   <li>with a time before the label, {@code [00:00:03] Name:}, {@code (00:00:03) Name:}, {@code
 *       00:00:03 Name:}, or after it, {@code Name [00:00:03]:}, {@code Name (00:00:03):} (as Rev
 *       writes {@code Speaker 1 (00:03):}), {@code **Name** [00:00:03]:}, {@code **Name**
 *       (00:01:02)}: the time is the turn's start, never a role.
 * </ul>
 *
 * A label in bold, with a time or with a role is explicit: its shape alone makes it a label.
 *
 * @param label the name as written, with any role ({@code Gary Jordan (Host)}), without time or
 *     markup
 * @param start the time written with the label, in seconds, or null
 * @param rest the speech after the label
 * @param explicit whether markup, a time or a role marks the label
 */
public record LabelCandidate(String label, @Nullable Double start, String rest, boolean explicit) {

  private static final String TIME = "(?:\\d{1,2}:)?\\d{1,3}:\\d{2}(?:[.,]\\d{1,3})?";
  private static final Pattern LEADING_TIME =
      Pattern.compile(
          "^(?:\\\\?\\[\\s*("
              + TIME
              + ")\\s*\\\\?\\]|\\(\\s*("
              + TIME
              + ")\\s*\\)|("
              + TIME
              + "))\\s*[-–—|]?\\s*");
  private static final Pattern TRAILING_TIME =
      Pattern.compile(
          "^\\s*(?:\\\\?\\[\\s*(" + TIME + ")\\s*\\\\?\\]|\\(\\s*(" + TIME + ")\\s*\\))");
  private static final Pattern BOLD =
      Pattern.compile("^\\*\\*(?<name>[^*\\n]{1,80}?)\\s*(?<inner>[:：])?\\*\\*(?<after>.*)$");
  private static final Pattern PLAIN =
      Pattern.compile(
          "^(?<name>[^:：*\\[\\]()\\n]{1,60}?)\\s*(?<paren>\\([^()\\n]{1,40}\\)|\\\\?\\[[^\\]\\n]{1,20}\\\\?\\])?\\s*(?:(?<colon>:)(?:\\s+|$)|(?<wide>：))(?<rest>.*)$");
  private static final Pattern COLON_THEN = Pattern.compile("^\\s*[:：]\\s*(?<rest>.*)$");

  /** The candidate label at the start of a stripped line, or null when it starts with none. */
  public static @Nullable LabelCandidate of(String line) {
    Double leadingTime = null;
    String body = line;
    Matcher leading = LEADING_TIME.matcher(line);
    if (leading.find()) {
      leadingTime = seconds(firstGroup(leading));
      body = line.substring(leading.end());
    }
    LabelCandidate candidate = bold(body);
    if (candidate == null) {
      candidate = plain(body);
    }
    if (candidate == null || SpeakerNames.clean(candidate.label).isEmpty()) {
      return null;
    }
    if (leadingTime != null) {
      return new LabelCandidate(candidate.label, leadingTime, candidate.rest, true);
    }
    return candidate;
  }

  private static @Nullable LabelCandidate bold(String body) {
    Matcher bold = BOLD.matcher(body);
    if (!bold.matches()) {
      return null;
    }
    String after = bold.group("after");
    Double start = null;
    Matcher time = TRAILING_TIME.matcher(after);
    if (time.find()) {
      start = seconds(firstGroup(time));
      after = after.substring(time.end());
    }
    Matcher colon = COLON_THEN.matcher(after);
    if (colon.matches()) {
      after = colon.group("rest");
    } else if (bold.group("inner") == null && start == null) {
      return null;
    }
    return new LabelCandidate(bold.group("name").strip(), start, after.strip(), true);
  }

  private static @Nullable LabelCandidate plain(String body) {
    Matcher plain = PLAIN.matcher(body);
    if (!plain.matches()) {
      return null;
    }
    String name = plain.group("name").strip();
    String paren = plain.group("paren");
    String rest = plain.group("rest").strip();
    if (paren == null) {
      return new LabelCandidate(name, null, rest, false);
    }
    String inside = paren.replaceAll("^\\\\?[\\[(]\\s*|\\s*\\\\?[\\])]$", "");
    if (inside.matches(TIME)) {
      return new LabelCandidate(name, seconds(inside), rest, true);
    }
    return paren.startsWith("(") ? new LabelCandidate(name + " " + paren, null, rest, true) : null;
  }

  private static String firstGroup(Matcher matcher) {
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    throw new IllegalStateException("a time pattern matched without a time");
  }

  /** Seconds of {@code [h:]m:ss[.f]}. */
  public static double seconds(String time) {
    String[] parts = time.replace(',', '.').split(":");
    double seconds = Double.parseDouble(parts[parts.length - 1]);
    double minutes = Double.parseDouble(parts[parts.length - 2]);
    double hours = parts.length == 3 ? Double.parseDouble(parts[0]) : 0;
    return hours * 3600 + minutes * 60 + seconds;
  }
}
