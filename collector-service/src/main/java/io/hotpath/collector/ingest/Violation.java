package io.hotpath.collector.ingest;

/**
 * One thing wrong with a request: with its body, or with one of its query parameters.
 *
 * @param pointer a JSON pointer (RFC 6901) to the offending value; empty for the whole body or for
 *     a query parameter
 * @param parameter the offending query parameter; null for a problem with the body
 * @param detail what is wrong, e.g. {@code durationMs must not be negative}
 */
public record Violation(String pointer, String parameter, String detail) {

  /** Something wrong at {@code pointer} in the body. */
  public Violation(String pointer, String detail) {
    this(pointer, null, detail);
  }

  /** Something wrong with the query parameter {@code name}. */
  public static Violation ofParameter(String name, String detail) {
    return new Violation("", name, detail);
  }

  /** {@code detail (at pointer)}, {@code detail (query parameter name)}, or just the detail. */
  public String describe() {
    if (parameter != null) {
      return detail + " (query parameter " + parameter + ")";
    }
    return pointer.isEmpty() ? detail : detail + " (at " + pointer + ")";
  }
}
