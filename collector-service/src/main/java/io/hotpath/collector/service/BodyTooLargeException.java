package io.hotpath.collector.service;

/**
 * A request body over {@code hotpath.collector.max-body-bytes}, or over {@code
 * hotpath.collector.max-decompressed-bytes} once inflated.
 */
public class BodyTooLargeException extends RuntimeException {
  private final long limit;

  public BodyTooLargeException(long limit) {
    super("body is larger than " + limit + " bytes", null, false, false);
    this.limit = limit;
  }

  /** A body over a limit other than the wire size, {@code what} saying which. */
  public BodyTooLargeException(String message, long limit) {
    super(message, null, false, false);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
