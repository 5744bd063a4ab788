package dev.beliefs.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The files an {@code --input} pattern names, sorted by path. Local globs are matched by {@link
 * LocalGlob}, which survives symbolic-link loops; other patterns ({@code s3://}, {@code gs://}, a
 * single local file) by Beam's {@link FileSystems}. Used by the job's {@link MatchTranscripts} and
 * by the commands that look at the input before a run.
 */
public final class TranscriptFiles {

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][-a-zA-Z0-9+.]*://.*");

  private TranscriptFiles() {}

  /** The matching files; empty when none match. */
  public static List<MatchResult.Metadata> match(String pattern) throws IOException {
    String local = localPath(pattern);
    if (local != null && TranscriptIds.firstWildcard(local) >= 0) {
      List<MatchResult.Metadata> files = new ArrayList<>();
      for (LocalGlob.File file : LocalGlob.match(local)) {
        files.add(
            MatchResult.Metadata.builder()
                .setResourceId(FileSystems.matchNewResource(file.path().toString(), false))
                .setIsReadSeekEfficient(true)
                .setSizeBytes(file.sizeBytes())
                .setLastModifiedMillis(file.lastModifiedMillis())
                .build());
      }
      return files;
    }
    MatchResult result = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>(result.metadata());
    files.sort(Comparator.comparing(file -> file.resourceId().toString()));
    return files;
  }

  /**
   * The files any of {@code patterns} match, each once (the first path under which it was matched),
   * sorted by path; empty when none match.
   */
  public static List<MatchResult.Metadata> matchAll(List<String> patterns) throws IOException {
    Map<String, MatchResult.Metadata> files = new TreeMap<>();
    for (String pattern : patterns) {
      for (MatchResult.Metadata file : match(pattern)) {
        files.putIfAbsent(file.resourceId().toString(), file);
      }
    }
    return List.copyOf(files.values());
  }

  /** The local path a pattern names, or null when it names another file system. */
  private static String localPath(String pattern) {
    if (pattern.startsWith("file://")) {
      return pattern.substring("file://".length());
    }
    return SCHEME.matcher(pattern).matches() ? null : pattern;
  }
}
