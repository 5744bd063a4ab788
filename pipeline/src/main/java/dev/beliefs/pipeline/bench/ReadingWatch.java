package dev.beliefs.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tells when a job has read every input file, from outside it: each file's access time is set to
 * 1970 before the run, and the first read moves it to now (with Linux's default {@code relatime},
 * an access time older than the modification time is always updated). On a file system mounted
 * {@code noatime} nothing moves, and the end of reading is never seen.
 */
final class ReadingWatch {

  private static final FileTime NEVER = FileTime.fromMillis(0);

  private final List<Path> unread;

  private ReadingWatch(List<Path> files) {
    this.unread = new ArrayList<>(files);
  }

  /** Marks every file in {@code dir} as not yet read. */
  static ReadingWatch of(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, NEVER, null);
    }
    return new ReadingWatch(files);
  }

  /** Whether every file has been read since; looks again only at those not seen read yet. */
  boolean allRead() throws IOException {
    unread.removeIf(file -> read(file));
    return unread.isEmpty();
  }

  private static boolean read(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).lastAccessTime().compareTo(NEVER)
          > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
