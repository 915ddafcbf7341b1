package io.hotpath.collector.ingest.pyroscope;

import java.time.Instant;

/**
 * The {@code from} and {@code until} of Pyroscope's {@code /ingest}: a Unix time in seconds,
 * milliseconds, microseconds or nanoseconds, told apart by magnitude as Pyroscope does (a time
 * after 2001 in seconds has 10 digits, in milliseconds 13, in microseconds 16, in nanoseconds 19).
 */
public final class IngestTime {
  private IngestTime() {}

  /**
   * Parses one time; {@code otherwise} when absent.
   *
   * @throws IllegalArgumentException when it is not a non-negative integer
   */
  public static Instant parse(String value, String parameter, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          parameter + " must be a Unix time in s, ms, µs or ns, not '" + value + "'");
    }
    if (n < 0) {
      throw new IllegalArgumentException(parameter + " must not be negative");
    }
    if (n >= 1_000_000_000_000_000_000L) {
      return Instant.ofEpochSecond(0, n);
    }
    if (n >= 1_000_000_000_000_000L) {
      return Instant.ofEpochSecond(n / 1_000_000, (n % 1_000_000) * 1_000);
    }
    if (n >= 1_000_000_000_000L) {
      return Instant.ofEpochMilli(n);
    }
    return Instant.ofEpochSecond(n);
  }
}
