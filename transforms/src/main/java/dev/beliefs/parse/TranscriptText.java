package dev.beliefs.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a transcript file's bytes into text, or says why it cannot. Invalid UTF-8 is rejected, not
 * repaired: a replaced character inside a quote would make evidence that is not what was said. A
 * byte-order mark is dropped and CRLF / CR line ends become LF.
 */
public final class TranscriptText {

  private TranscriptText() {}

  public static String decode(byte[] bytes) throws TranscriptParseException {
    if (bytes.length == 0) {
      throw new TranscriptParseException("empty", "the file is empty (0 bytes)");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new TranscriptParseException(
            "binary",
            "the file holds a NUL byte at offset "
                + i
                + ": it looks like a binary file, not a text transcript");
      }
    }
    String text = decodeUtf8(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = text.replace("\r\n", "\n").replace('\r', '\n');
    if (text.isBlank()) {
      throw new TranscriptParseException(
          "empty", "the file holds only whitespace (" + bytes.length + " bytes)");
    }
    return text;
  }

  private static String decodeUtf8(byte[] bytes) throws TranscriptParseException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new TranscriptParseException(
          "invalid_utf8",
          "the bytes near offset "
              + in.position()
              + " are not valid UTF-8; save the transcript as UTF-8 and run again");
    }
  }
}
