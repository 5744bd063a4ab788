package dev.beliefs.parse;

import dev.beliefs.model.Failure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * One file per transcript id. Ids are the path without its extension ({@link TranscriptIds}), so
 * {@code ep.vtt} and {@code ep.srt} would share one; ids are a contract (reference beliefs,
 * incremental runs and belief ids rest on them), so they never change to make room. Instead one
 * file keeps the id by a fixed rule, whatever else is in the folder or in which order it is listed:
 * the extension that comes first in {@value #PREFERENCE} (the richest formats first: speakers and
 * times before plain text), then the path that sorts first. Every other file with that id becomes a
 * {@code duplicate_id} failure that names the file read instead.
 */
public final class UniqueIds {

  static final String PREFERENCE = ".json, .vtt, .srt, .html, .htm, .md, .markdown, .txt, .text";

  private static final List<String> EXTENSIONS =
      List.of(PREFERENCE.replace(" ", "").replace(".", "").split(","));

  private UniqueIds() {}

  /** The files kept, in their order, and a failure for each file that lost its id. */
  public record Selection(List<MatchResult.Metadata> files, List<Failure> duplicates) {}

  public static Selection select(String inputRoot, List<MatchResult.Metadata> matched) {
    Map<String, List<MatchResult.Metadata>> byId = new LinkedHashMap<>();
    for (MatchResult.Metadata file : matched) {
      byId.computeIfAbsent(id(inputRoot, file), id -> new ArrayList<>()).add(file);
    }
    List<MatchResult.Metadata> kept = new ArrayList<>();
    List<Failure> duplicates = new ArrayList<>();
    for (Map.Entry<String, List<MatchResult.Metadata>> entry : byId.entrySet()) {
      List<MatchResult.Metadata> files = new ArrayList<>(entry.getValue());
      files.sort(Comparator.comparingInt(UniqueIds::rank).thenComparing(UniqueIds::source));
      MatchResult.Metadata winner = files.get(0);
      kept.add(winner);
      for (MatchResult.Metadata loser : files.subList(1, files.size())) {
        duplicates.add(duplicate(entry.getKey(), loser, winner));
      }
    }
    kept.sort(Comparator.comparing(UniqueIds::source));
    return new Selection(kept, duplicates);
  }

  private static Failure duplicate(
      String id, MatchResult.Metadata loser, MatchResult.Metadata winner) {
    return new Failure(
        source(loser),
        Failure.STAGE_PARSE,
        "duplicate_id",
        "has the transcript id '"
            + id
            + "' of "
            + source(winner)
            + ", which is read instead (of files with one id, the first extension of "
            + PREFERENCE
            + " is read); rename one of them to read both",
        1);
  }

  private static String id(String inputRoot, MatchResult.Metadata file) {
    return TranscriptIds.idFor(inputRoot, source(file));
  }

  private static String source(MatchResult.Metadata file) {
    return file.resourceId().toString();
  }

  private static int rank(MatchResult.Metadata file) {
    String name = file.resourceId().getFilename();
    int dot = name == null ? -1 : name.lastIndexOf('.');
    int rank = dot < 0 ? -1 : EXTENSIONS.indexOf(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    return rank < 0 ? EXTENSIONS.size() : rank;
  }
}
