package dev.beliefs.parse.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.TranscriptParser;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranscriptContentTest {

  private static final byte[] CRLF =
      "\uFEFFAnn: Hi.\r\nBob: Hello.\r\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void readsTheWholeFile_hashingTheBytesAsTheyWere_andDecodingThem() throws Exception {
    TranscriptContent content = TranscriptContent.read(channel(CRLF), CRLF.length, 1_000);

    assertEquals("Ann: Hi.\nBob: Hello.\n", content.text());
    assertEquals(TranscriptParser.sha256(CRLF), content.sha256());
    assertEquals(TranscriptContent.of(CRLF), content);
  }

  @Test
  void aFileLargerOrSmallerThanExpected_isReadWhole() throws Exception {
    assertEquals("Ann: Hi.\nBob: Hello.\n", TranscriptContent.read(channel(CRLF), 3, 1_000).text());
    assertEquals(
        "Ann: Hi.\nBob: Hello.\n", TranscriptContent.read(channel(CRLF), 10_000, 1_000).text());
  }

  @Test
  void moreThanTheLimit_failsAsTooLarge_evenWhenTheSizeSaidLess() {
    byte[] big = "Ann: hi\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);

    TranscriptParseException failure =
        assertThrows(
            TranscriptParseException.class,
            () -> TranscriptContent.read(channel(big), 100, 10_000));

    assertEquals("too_large", failure.reason());
  }

  @Test
  void exactlyTheLimit_isRead_oneByteMoreIsNot() throws Exception {
    assertEquals(
        "Ann: Hi.\nBob: Hello.\n", TranscriptContent.read(channel(CRLF), 0, CRLF.length).text());
    assertThrows(
        TranscriptParseException.class,
        () -> TranscriptContent.read(channel(CRLF), 0, CRLF.length - 1));
  }

  private static ReadableByteChannel channel(byte[] bytes) {
    return Channels.newChannel(new ByteArrayInputStream(bytes));
  }
}
