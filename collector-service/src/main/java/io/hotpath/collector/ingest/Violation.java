package io.hotpath.collector.ingest;

/**
 * One thing wrong with a request body.
 *
 * @param pointer a JSON pointer (RFC 6901) to the offending value; empty for the whole body
 * @param detail what is wrong, e.g. {@code durationMs must not be negative}
 */
public record Violation(String pointer, String detail) {

  /** {@code detail (at pointer)}, or just the detail for the whole body. */
  public String describe() {
    return pointer.isEmpty() ? detail : detail + " (at " + pointer + ")";
  }
}
