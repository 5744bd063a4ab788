package dev.beliefs.pipeline.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Reads a {@code multipart/form-data} body (RFC 7578), as {@code POST /v1/files} receives one. */
final class Multipart {

  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

  private Multipart() {}

  /** One field: its name, the file name when it is a file, and its bytes. */
  record Part(String name, @Nullable String filename, byte[] content) {}

  /**
   * The fields by name.
   *
   * @throws BadRequestException not multipart/form-data, or not well formed
   */
  static Map<String, Part> parse(@Nullable String contentType, byte[] body)
      throws BadRequestException {
    Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        || !boundary.find()) {
      throw malformed("expected a multipart/form-data body with a boundary");
    }
    String value = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
    byte[] delimiter = ("--" + value).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        return parts;
      }
      start += CRLF.length;
      int headersEnd = indexOf(body, HEADERS_END, start);
      int next = indexOf(body, delimiter, start);
      if (headersEnd < 0 || next < 0 || headersEnd > next) {
        throw malformed("a part has no header block or no closing boundary");
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      int contentEnd = next - CRLF.length;
      byte[] content = Arrays.copyOfRange(body, headersEnd + HEADERS_END.length, contentEnd);
      Matcher name = NAME.matcher(headers);
      if (!name.find()) {
        throw malformed("a part has no Content-Disposition name");
      }
      Matcher filename = FILENAME.matcher(headers);
      parts.put(
          name.group(1),
          new Part(name.group(1), filename.find() ? filename.group(1) : null, content));
      at = next;
    }
    throw malformed("the body has no closing boundary");
  }

  private static BadRequestException malformed(String why) {
    return new BadRequestException(
        OpenAiError.badRequest("Could not parse the multipart form: " + why + ".", null, null));
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
