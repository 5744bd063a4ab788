package dev.beliefs.parse.encoding;

import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A transcript file's text and the SHA-256 of its bytes. Reading a file this way holds its bytes
 * only until they are decoded: once this is built, the only copy of the file in memory is the text.
 *
 * @param sha256 hex SHA-256 of the file's bytes, as read (after any decompression)
 * @param text the decoded text, as {@link TranscriptText} gives it
 */
public record TranscriptContent(String sha256, String text) {

  /** Java arrays cannot be larger. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  /** Decodes bytes the caller keeps; they are not changed. */
  public static TranscriptContent of(byte[] bytes) throws TranscriptParseException {
    return new TranscriptContent(TranscriptParser.sha256(bytes), TranscriptText.decode(bytes));
  }

  /**
   * Reads a whole file and decodes it, refusing more than {@code maxBytes}.
   *
   * @param expectedBytes the file's size if known (its bytes are then read into one array of that
   *     size), or a guess such as a compressed size
   * @throws TranscriptParseException {@code too_large} when the channel yields more than {@code
   *     maxBytes}, or why the bytes are not a text transcript
   */
  public static TranscriptContent read(
      ReadableByteChannel channel, long expectedBytes, long maxBytes)
      throws IOException, TranscriptParseException {
    byte[] bytes = readAll(channel, expectedBytes, maxBytes);
    return new TranscriptContent(
        TranscriptParser.sha256(bytes), TranscriptText.decodeInPlace(bytes));
  }

  private static byte[] readAll(ReadableByteChannel channel, long expectedBytes, long maxBytes)
      throws IOException, TranscriptParseException {
    long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
    byte[] bytes = new byte[(int) Math.max(0, Math.min(expectedBytes, limit))];
    int count = fill(channel, bytes, 0);
    ByteBuffer next = ByteBuffer.allocate(1);
    while (count == bytes.length && fill(channel, next)) {
      // More than expected: a compressed file, or one that grew since it was matched.
      if (count >= limit) {
        throw new TranscriptParseException(
            "too_large",
            "the file holds more than "
                + limit
                + " bytes once read (decompressed), more than --maxTranscriptBytes allows; split"
                + " it or raise the limit");
      }
      bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(8192, 2L * bytes.length)));
      bytes[count++] = next.get(0);
      next.clear();
      count = fill(channel, bytes, count);
    }
    return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
  }

  /** Reads into {@code bytes} from {@code from} until it is full or the channel ends. */
  private static int fill(ReadableByteChannel channel, byte[] bytes, int from) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, from, bytes.length - from);
    int read = 0;
    while (buffer.hasRemaining() && read >= 0) {
      read = channel.read(buffer);
    }
    return buffer.position();
  }

  private static boolean fill(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return false;
      }
    }
    return true;
  }
}
