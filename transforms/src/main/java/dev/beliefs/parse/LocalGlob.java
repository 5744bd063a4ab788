package dev.beliefs.parse;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a glob matches on the local disk, with the glob syntax Beam's local file system uses
 * ({@code *} within a directory, {@code **} across directories). Unlike Beam's own matching, which
 * follows symbolic links without noticing a loop and walks a linked loop until memory runs out,
 * this walk follows links but enters each directory once: a loop is passed over. A file reached by
 * two paths (through a link) is matched once, under the path that sorts first. Without {@code **}
 * the walk goes no deeper than the glob's own directories. Unreadable directories are passed over.
 */
final class LocalGlob {

  /** One matched file. */
  record File(Path path, long sizeBytes, long lastModifiedMillis) {}

  private LocalGlob() {}

  /**
   * @param glob a local path with wildcards, absolute or relative to the working directory
   * @return the matching regular files, sorted by path
   */
  static List<File> match(String glob) throws IOException {
    Path absolute = Path.of(glob).toAbsolutePath();
    String spec = absolute.toString();
    int wildcard = TranscriptIds.firstWildcard(spec);
    Path start = Path.of(spec.substring(0, spec.lastIndexOf('/', wildcard) + 1));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    String rest = spec.substring(start.toString().length());
    int depth =
        rest.contains("**")
            ? Integer.MAX_VALUE
            : (int) rest.chars().filter(c -> c == '/').count() + (rest.startsWith("/") ? 0 : 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + spec);
    Map<Object, File> byFile = new HashMap<>();
    Files.walkFileTree(
        start,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        depth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && matcher.matches(file)) {
              File found =
                  new File(file, attributes.size(), attributes.lastModifiedTime().toMillis());
              Object key = attributes.fileKey() != null ? attributes.fileKey() : file;
              byFile.merge(key, found, LocalGlob::firstByPath);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // A link back into the walk (FileSystemLoopException) or an unreadable entry.
            return FileVisitResult.CONTINUE;
          }
        });
    List<File> files = new ArrayList<>(byFile.values());
    files.sort(Comparator.comparing(file -> file.path().toString()));
    return files;
  }

  private static File firstByPath(File a, File b) {
    return a.path().toString().compareTo(b.path().toString()) <= 0 ? a : b;
  }
}
