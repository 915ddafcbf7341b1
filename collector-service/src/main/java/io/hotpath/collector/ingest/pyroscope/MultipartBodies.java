package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds one part of a {@code multipart/form-data} body, as Pyroscope agents send pprof uploads
 * (parts {@code profile}, {@code prev_profile}, {@code sample_type_config}).
 */
final class MultipartBodies {
  private MultipartBodies() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * The content of the part named {@code name}.
   *
   * @throws InvalidRequestException when there is no boundary or no such part
   */
  static byte[] part(byte[] body, String contentType, String name) {
    String boundary = null;
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        boundary = p.substring("boundary=".length()).replace("\"", "");
      }
    }
    if (boundary == null || boundary.isEmpty()) {
      throw invalid("the multipart Content-Type has no boundary");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    while (start >= 0) {
      int headersStart = start + delimiter.length;
      if (headersStart + 1 < body.length
          && body[headersStart] == '-'
          && body[headersStart + 1] == '-') {
        break; // the closing delimiter
      }
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        break;
      }
      int next =
          indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd);
      if (next < 0) {
        break;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      if (headers.contains("name=\"" + name + "\"")) {
        return Arrays.copyOfRange(body, headersEnd + 4, next);
      }
      start = next + 2;
    }
    throw invalid("the multipart body has no part named '" + name + "'");
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

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException(List.of(new Violation("", detail)));
  }
}
