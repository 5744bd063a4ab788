package dev.beliefs.parse.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the speaker labels of one transcript to names. A label {@code Name (Role)} declares that
 * {@code Role} stands for {@code Name}: that turn and every turn labelled just {@code Role} are
 * given to {@code Name}. A role claimed by two different names stays as written, since the
 * transcript does not say which one is meant. Whitespace is collapsed and a trailing colon or
 * period dropped.
 */
final class SpeakerNames {

  private static final Pattern NAME_WITH_ROLE =
      Pattern.compile("^(?<name>[^()]+?)\\s*\\((?<role>[^()]+)\\)$");

  private final Map<String, String> nameByRole = new HashMap<>();
  private final Set<String> ambiguousRoles = new HashSet<>();

  /** Reads every label once before any is resolved, so a role declared late still counts. */
  void declare(String label) {
    Matcher matcher = NAME_WITH_ROLE.matcher(clean(label));
    if (!matcher.matches()) {
      return;
    }
    String name = clean(matcher.group("name"));
    String role = clean(matcher.group("role"));
    if (name.isEmpty() || role.isEmpty()) {
      return;
    }
    String known = nameByRole.putIfAbsent(role, name);
    if (known != null && !known.equals(name)) {
      ambiguousRoles.add(role);
    }
  }

  String resolve(String label) {
    String cleaned = clean(label);
    Matcher matcher = NAME_WITH_ROLE.matcher(cleaned);
    if (matcher.matches() && !clean(matcher.group("name")).isEmpty()) {
      return clean(matcher.group("name"));
    }
    if (ambiguousRoles.contains(cleaned)) {
      return cleaned;
    }
    return nameByRole.getOrDefault(cleaned, cleaned);
  }

  /** The label as a name: whitespace collapsed, a trailing colon or period dropped. */
  static String clean(String label) {
    return label.replaceAll("\\s+", " ").replaceAll("[:.]+$", "").trim();
  }
}
