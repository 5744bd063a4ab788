package dev.beliefs.parse.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.parse.TranscriptParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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

  @Test
  void utf16WithAByteOrderMark_isDecoded_inEitherByteOrder() throws Exception {
    String text = "Zoë: Ça va?\r\nJosé: Sí.";

    for (java.nio.charset.Charset charset :
        List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      byte[] bytes = ("\uFEFF" + text).getBytes(charset);

      assertEquals("Zoë: Ça va?\nJosé: Sí.", TranscriptText.decode(bytes), charset.name());
    }
  }

  @Test
  void utf16WithoutAMark_brokenUtf16_andUtf32_failAsEncoding() {
    byte[] withoutMark = "Ann: Hi there.".getBytes(StandardCharsets.UTF_16LE);
    byte[] oddLength = Arrays.copyOf("\uFEFFAnn: Hi.".getBytes(StandardCharsets.UTF_16LE), 9);
    byte[] utf32 = {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'A'};

    for (byte[] bytes : List.of(withoutMark, oddLength, utf32)) {
      TranscriptParseException failure =
          assertThrows(TranscriptParseException.class, () -> TranscriptText.decode(bytes));

      assertEquals("encoding", failure.reason(), failure.getMessage());
      assertTrue(failure.getMessage().contains("UTF-"), failure.getMessage());
    }
  }
}
