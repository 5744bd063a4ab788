package dev.beliefs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes whole files through Beam's {@link FileSystems} (local, s3://, gs://), atomically: a
 * temporary file next to the target, then a rename, so a reader never sees half a file and a killed
 * job leaves the previous version in place.
 */
public final class OutputFiles {

  private OutputFiles() {}

  /** The resource {@code relative} under the directory {@code dir}. */
  public static ResourceId resolve(String dir, String relative) {
    ResourceId directory = FileSystems.matchNewResource(dir, true);
    ResourceId resolved = directory;
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      resolved =
          resolved.resolve(
              parts[i],
              last
                  ? StandardResolveOptions.RESOLVE_FILE
                  : StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    return resolved;
  }

  public static void writeLines(ResourceId target, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    write(target, text.toString());
  }

  public static void write(ResourceId target, String text) throws IOException {
    ResourceId temporary =
        target
            .getCurrentDirectory()
            .resolve(
                "." + target.getFilename() + ".tmp-" + UUID.randomUUID(),
                StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.TEXT))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    FileSystems.rename(
        List.of(temporary), List.of(target), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
