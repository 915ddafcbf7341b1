package io.hotpath.collector.service;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Inflates {@code Content-Encoding: gzip} bodies under a limit that is checked while inflating: a
 * few kilobytes that would inflate to gigabytes (a gzip bomb) cost at most {@code limit} bytes of
 * memory and the time to produce them.
 */
public final class GzipBodies {
  private GzipBodies() {}

  /**
   * The inflated body.
   *
   * @throws BodyTooLargeException once more than {@code limit} bytes came out
   * @throws InvalidRequestException when the body is not gzip
   */
  /** Whether {@code body} starts with the gzip magic bytes. */
  public static boolean looksGzipped(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }

  public static byte[] gunzip(byte[] compressed, long limit) {
    return gunzip(new ByteArrayInputStream(compressed), limit);
  }

  /** As {@link #gunzip(byte[], long)}, reading {@code compressed} only as far as needed. */
  public static byte[] gunzip(InputStream compressed, long limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = new GZIPInputStream(compressed, 8192)) {
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          throw new BodyTooLargeException(
              "the body inflates to more than " + limit + " bytes", limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidRequestException(
          List.of(
              new Violation(
                  "", "body is not valid gzip despite Content-Encoding: gzip: " + e.getMessage())),
          e);
    }
    return out.toByteArray();
  }
}
