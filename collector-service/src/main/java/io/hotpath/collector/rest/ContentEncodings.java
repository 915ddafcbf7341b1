package io.hotpath.collector.rest;

import jakarta.ws.rs.NotSupportedException;
import java.util.Locale;

/** The request {@code Content-Encoding}s the ingest paths take: gzip, or none. */
final class ContentEncodings {
  private ContentEncodings() {}

  /**
   * Whether the body is gzip.
   *
   * @throws NotSupportedException (415, counted by the mapper in ProblemMappers) for any other
   *     encoding
   */
  static boolean isGzip(String contentEncoding) {
    if (contentEncoding == null) {
      return false;
    }
    String value = contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.equals("identity")) {
      return false;
    }
    if (value.equals("gzip") || value.equals("x-gzip")) {
      return true;
    }
    throw new NotSupportedException(
        "Content-Encoding must be gzip or absent, not " + contentEncoding);
  }
}
