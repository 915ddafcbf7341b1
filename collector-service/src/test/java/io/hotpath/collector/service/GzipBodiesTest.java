package io.hotpath.collector.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.collector.ingest.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipBodiesTest {

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  /** {@code size} zero bytes gzipped, written in pieces so the test never holds them inflated. */
  static byte[] bomb(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      for (long written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  @Test
  void inflatesABodyUnderTheLimit() throws IOException {
    byte[] body = "hello otlp".getBytes(StandardCharsets.UTF_8);

    assertThat(GzipBodies.gunzip(gzip(body), 100)).isEqualTo(body);
  }

  @Test
  void refusesAGzipBombAfterReadingOnlyTheStartOfIt() throws IOException {
    byte[] bomb = bomb(256L << 20); // 256 MiB of zeros, about 256 KiB compressed
    long[] consumed = {0};
    InputStream counting =
        new FilterInputStream(new ByteArrayInputStream(bomb)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            consumed[0] += Math.max(0, n);
            return n;
          }
        };

    assertThatThrownBy(() -> GzipBodies.gunzip(counting, 8L << 20))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("inflates to more than 8388608 bytes");
    // 8 MiB of output needs about 1/32 of the input; the rest was never read.
    assertThat(consumed[0]).isLessThan(bomb.length / 8);
  }

  @Test
  void refusesABodyThatIsNotGzip() {
    assertThatThrownBy(() -> GzipBodies.gunzip("plain".getBytes(StandardCharsets.UTF_8), 100))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not valid gzip");
  }
}
