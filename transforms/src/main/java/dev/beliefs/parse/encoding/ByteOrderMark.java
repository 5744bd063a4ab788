package dev.beliefs.parse.encoding;

import dev.beliefs.parse.TranscriptParseException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The encoding a file's byte-order mark declares. UTF-8 and UTF-16 (either byte order) are read;
 * UTF-32 is recognised only to fail with a clear {@code encoding} reason, since no transcript tool
 * writes it and its NUL bytes would otherwise be reported as a binary file.
 */
enum ByteOrderMark {
  UTF_8(StandardCharsets.UTF_8, 3),
  UTF_16BE(StandardCharsets.UTF_16BE, 2),
  UTF_16LE(StandardCharsets.UTF_16LE, 2);

  private final Charset charset;
  private final int length;

  ByteOrderMark(Charset charset, int length) {
    this.charset = charset;
    this.length = length;
  }

  Charset charset() {
    return charset;
  }

  /** How many bytes the mark takes at the start of the file. */
  int length() {
    return length;
  }

  /**
   * The mark {@code bytes} start with, or null when they start with none.
   *
   * @throws TranscriptParseException {@code encoding} for a UTF-32 mark
   */
  static @Nullable ByteOrderMark of(byte[] bytes) throws TranscriptParseException {
    if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
      throw new TranscriptParseException(
          "encoding",
          "the file is UTF-32 (its byte-order mark says so), which is not read; save it as UTF-8");
    }
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return UTF_8;
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return UTF_16BE;
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return UTF_16LE;
    }
    return null;
  }

  /**
   * Whether bytes without a mark look like UTF-16: in the first 1,000 bytes, most bytes at even or
   * most at odd offsets are NUL, as ASCII text written two bytes a character is.
   */
  static boolean looksLikeUtf16(byte[] bytes) {
    int sampled = Math.min(bytes.length, 1_000) & ~1;
    int evenNuls = 0;
    int oddNuls = 0;
    for (int i = 0; i < sampled; i += 2) {
      evenNuls += bytes[i] == 0 ? 1 : 0;
      oddNuls += bytes[i + 1] == 0 ? 1 : 0;
    }
    int pairs = sampled / 2;
    return pairs >= 2 && Math.max(evenNuls, oddNuls) * 4 >= pairs * 3;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
