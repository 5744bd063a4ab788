package dev.beliefs.parse;

/**
 * Stable transcript ids: the source path relative to the input root, without its extension. The
 * input root is the directory part of the input pattern before its first wildcard.
 */
public final class TranscriptIds {

  private TranscriptIds() {}

  /** The directory of {@code pattern} that holds every file it can match, ending in '/'. */
  public static String rootOf(String pattern) {
    int firstWildcard = firstWildcard(pattern);
    String fixed = firstWildcard < 0 ? pattern : pattern.substring(0, firstWildcard);
    int slash = fixed.lastIndexOf('/');
    return slash < 0 ? "" : fixed.substring(0, slash + 1);
  }

  public static String idFor(String root, String sourceUri) {
    String relative =
        !root.isEmpty() && sourceUri.startsWith(root)
            ? sourceUri.substring(root.length())
            : sourceUri.substring(sourceUri.lastIndexOf('/') + 1);
    int slash = relative.lastIndexOf('/');
    int dot = relative.lastIndexOf('.');
    return dot > slash + 1 ? relative.substring(0, dot) : relative;
  }

  /** The index of the first glob character in {@code pattern}, or -1. */
  static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
