package dev.beliefs.pipeline;

import dev.beliefs.parse.TranscriptFiles;
import dev.beliefs.parse.TranscriptIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The patterns of {@code --input}: comma-separated (a repeated {@code --input} arrives joined with
 * commas), each with its braces expanded, {@code dir/{a,b}.txt} to {@code dir/a.txt} and {@code
 * dir/b.txt}, since Beam's file systems know {@code *}, {@code **}, {@code ?} and {@code [...]} but
 * read braces as part of a name. Commas inside braces belong to the braces.
 */
public final class InputPatterns {

  private InputPatterns() {}

  /** The distinct patterns of {@code input}, in the order given. */
  public static List<String> of(String input) {
    Set<String> patterns = new LinkedHashSet<>();
    for (String part : splitTopLevel(input)) {
      if (!part.isBlank()) {
        patterns.addAll(expandBraces(part.strip()));
      }
    }
    return List.copyOf(patterns);
  }

  /**
   * The files each pattern matches ({@link TranscriptFiles}), by pattern; throws naming a pattern
   * that matches nothing (a mistyped second pattern should not go unnoticed).
   */
  public static Map<String, List<MatchResult.Metadata>> match(String input)
      throws ConfigurationException {
    Map<String, List<MatchResult.Metadata>> matched = new LinkedHashMap<>();
    for (String pattern : of(input)) {
      try {
        List<MatchResult.Metadata> files = TranscriptFiles.match(pattern);
        if (files.isEmpty()) {
          throw new ConfigurationException("--input=" + pattern + " matches no files");
        }
        matched.put(pattern, files);
      } catch (IOException e) {
        throw new ConfigurationException("--input=" + pattern + ": " + e.getMessage());
      }
    }
    return matched;
  }

  /**
   * The directory that holds every file the patterns can match, as a resource id ending in '/':
   * transcript ids are paths relative to it. Empty when the patterns share none (another bucket).
   */
  public static String root(String input) {
    String common = null;
    for (String pattern : of(input)) {
      String root = TranscriptIds.rootOf(pattern);
      String resolved = FileSystems.matchNewResource(root.isEmpty() ? "." : root, true).toString();
      common = common == null ? resolved : commonDirectory(common, resolved);
    }
    return common == null ? "" : common;
  }

  private static String commonDirectory(String a, String b) {
    int length = 0;
    for (int i = 0; i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i); i++) {
      if (a.charAt(i) == '/') {
        length = i + 1;
      }
    }
    return a.substring(0, length);
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** {@code a{b,c{d,e}}f} to {@code abf, acdf, acef}; an unclosed brace stays as written. */
  static List<String> expandBraces(String pattern) {
    int open = pattern.indexOf('{');
    if (open < 0) {
      return List.of(pattern);
    }
    int depth = 0;
    for (int close = open; close < pattern.length(); close++) {
      char c = pattern.charAt(close);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        String head = pattern.substring(0, open);
        String tail = pattern.substring(close + 1);
        List<String> expanded = new ArrayList<>();
        for (String alternative : splitTopLevel(pattern.substring(open + 1, close))) {
          expanded.addAll(expandBraces(head + alternative + tail));
        }
        return expanded;
      }
    }
    return List.of(pattern);
  }
}
