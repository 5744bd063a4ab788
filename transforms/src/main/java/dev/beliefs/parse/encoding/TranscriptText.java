package dev.beliefs.parse.encoding;

import dev.beliefs.parse.TranscriptParseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a transcript file's bytes into text, or says why it cannot. Text is UTF-8, or UTF-16 with a
 * byte-order mark ({@link ByteOrderMark}). Invalid UTF-8 is rejected, not repaired: a replaced
 * character inside a quote would make evidence that is not what was said; broken UTF-16, UTF-32 and
 * UTF-16 without a mark fail with reason {@code encoding}. A byte-order mark is dropped and CRLF /
 * CR line ends become LF.
 *
 * <p>Large files: the bytes are checked in place and decoded once, so decoding needs the bytes and
 * the text, never a third copy; {@link #decodeInPlace} even rewrites line ends in the caller's
 * array instead of in a copy of the text.
 */
public final class TranscriptText {

  private static final int CHECK_BUFFER_CHARS = 16 * 1024;

  private TranscriptText() {}

  /** The text of {@code bytes}, which are left as they are. */
  public static String decode(byte[] bytes) throws TranscriptParseException {
    return decode(bytes, false);
  }

  /** The text of {@code bytes}, which this may overwrite: the caller must not use them again. */
  static String decodeInPlace(byte[] bytes) throws TranscriptParseException {
    return decode(bytes, true);
  }

  private static String decode(byte[] bytes, boolean mayOverwrite) throws TranscriptParseException {
    if (bytes.length == 0) {
      throw new TranscriptParseException("empty", "the file is empty (0 bytes)");
    }
    ByteOrderMark mark = ByteOrderMark.of(bytes);
    if (mark != null && mark != ByteOrderMark.UTF_8) {
      return requireText(Utf16.decode(bytes, mark), bytes.length);
    }
    boolean carriageReturns = false;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        if (ByteOrderMark.looksLikeUtf16(bytes)) {
          throw new TranscriptParseException(
              "encoding",
              "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16"
                  + " with a byte-order mark)");
        }
        throw new TranscriptParseException(
            "binary",
            "the file holds a NUL byte at offset "
                + i
                + ": it looks like a binary file, not a text transcript");
      }
      carriageReturns |= bytes[i] == '\r';
    }
    requireUtf8(bytes);
    int from = mark == null ? 0 : mark.length();
    int to = bytes.length;
    if (carriageReturns) {
      byte[] target = mayOverwrite ? bytes : bytes.clone();
      to = toLineFeeds(target, from);
      bytes = target;
    }
    return requireText(new String(bytes, from, to - from, StandardCharsets.UTF_8), bytes.length);
  }

  private static String requireText(String text, int bytes) throws TranscriptParseException {
    if (text.isBlank()) {
      throw new TranscriptParseException(
          "empty", "the file holds only whitespace (" + bytes + " bytes)");
    }
    return text;
  }

  /** Checks the bytes are UTF-8 without decoding them into one more copy of the file. */
  private static void requireUtf8(byte[] bytes) throws TranscriptParseException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(CHECK_BUFFER_CHARS);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (result.isError()) {
      throw new TranscriptParseException(
          "invalid_utf8",
          "the bytes near offset "
              + in.position()
              + " are not valid UTF-8; save the transcript as UTF-8 and run again");
    }
  }

  /**
   * Rewrites CRLF and lone CR as LF from {@code from} on; safe in UTF-8, where a CR byte is never
   * part of another character.
   *
   * @return the new end of the text
   */
  private static int toLineFeeds(byte[] bytes, int from) {
    int write = from;
    for (int read = from; read < bytes.length; read++) {
      if (bytes[read] == '\r') {
        bytes[write++] = '\n';
        if (read + 1 < bytes.length && bytes[read + 1] == '\n') {
          read++;
        }
      } else {
        bytes[write++] = bytes[read];
      }
    }
    return write;
  }
}
