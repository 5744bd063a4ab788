package dev.beliefs.pipeline.eval;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether two speaker labels of one transcript name the same person. Labels are compared
 * case-insensitively without markup ({@code **}, {@code _}, backslash escapes, a trailing colon); a
 * label {@code Name (Role)} makes {@code Role} an alias of {@code Name} in that transcript.
 */
final class SpeakerAliases {

  private static final Pattern NAME_WITH_ROLE = Pattern.compile("^(.+?)\\s*\\(([^()]+)\\)$");
  private static final Pattern MARKUP = Pattern.compile("[*_`]|\\\\(?=\\S)");

  private final Map<String, String> nameByAlias = new HashMap<>();

  /** Every label seen for the transcript: in its text, its references and the predictions. */
  SpeakerAliases(Collection<String> labels) {
    for (String label : labels) {
      Matcher withRole = NAME_WITH_ROLE.matcher(plain(label));
      if (withRole.matches()) {
        String name = plain(withRole.group(1));
        nameByAlias.putIfAbsent(plain(withRole.group(2)), name);
        nameByAlias.putIfAbsent(plain(label), name);
      }
    }
  }

  boolean same(String a, String b) {
    return person(a).equals(person(b));
  }

  private String person(String label) {
    String plain = plain(label);
    return nameByAlias.getOrDefault(plain, plain);
  }

  static String plain(String label) {
    String unmarked = MARKUP.matcher(label).replaceAll("");
    return unmarked
        .replaceAll("\\s+", " ")
        .replaceAll("[\\s:]+$", "")
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
