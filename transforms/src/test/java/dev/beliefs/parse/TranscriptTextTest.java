package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranscriptTextTest {

  @Test
  void emptyFile_failsAsEmpty() {
    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> TranscriptText.decode(new byte[0]));

    assertEquals("empty", failure.reason());
  }

  @Test
  void whitespaceOnly_failsAsEmpty() {
    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> TranscriptText.decode(" \n\t\r\n".getBytes(StandardCharsets.UTF_8)));

    assertEquals("empty", failure.reason());
  }

  @Test
  void nulByte_failsAsBinaryNamingTheOffset() {
    byte[] bytes = {'A', ':', ' ', 'h', 'i', 0, 1, 2};

    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> TranscriptText.decode(bytes));

    assertEquals("binary", failure.reason());
    assertTrue(failure.getMessage().contains("offset 5"), failure.getMessage());
  }

  @Test
  void invalidUtf8_isRejectedNamingWhere() {
    byte[] bytes = {'A', ':', ' ', 'c', 'a', 'f', (byte) 0xE9, ' ', 'x'};

    TranscriptParseException failure =
        assertThrows(TranscriptParseException.class, () -> TranscriptText.decode(bytes));

    assertEquals("invalid_utf8", failure.reason());
    assertTrue(failure.getMessage().contains("offset 6"), failure.getMessage());
  }

  @Test
  void byteOrderMarkAndCrlf_areNormalised() throws Exception {
    byte[] bytes = "\uFEFFAlice: Hi.\r\nBob: Hello.\rAlice: Bye.".getBytes(StandardCharsets.UTF_8);

    assertEquals("Alice: Hi.\nBob: Hello.\nAlice: Bye.", TranscriptText.decode(bytes));
  }
}
