package dev.beliefs.parse.encoding;

import dev.beliefs.parse.TranscriptParseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes UTF-16 text that starts with a byte-order mark, strictly: an odd number of bytes or a
 * lone surrogate fails with reason {@code encoding} rather than being replaced. The mark is dropped
 * and CRLF / CR line ends become LF, as for UTF-8. UTF-16 files are rare, so this favours
 * simplicity over the copies that {@link TranscriptText} avoids for UTF-8.
 */
final class Utf16 {

  private Utf16() {}

  static String decode(byte[] bytes, ByteOrderMark mark) throws TranscriptParseException {
    try {
      String text =
          mark.charset()
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, mark.length(), bytes.length - mark.length()))
              .toString();
      return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    } catch (CharacterCodingException e) {
      throw new TranscriptParseException(
          "encoding",
          "the file starts with a "
              + mark.charset().name()
              + " byte-order mark but is not valid "
              + mark.charset().name()
              + " ("
              + e.getMessage()
              + "); save it as UTF-8");
    }
  }
}
