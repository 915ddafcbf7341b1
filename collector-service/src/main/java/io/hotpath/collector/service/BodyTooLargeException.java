package io.hotpath.collector.service;

/** A request body over {@code hotpath.collector.max-body-bytes}. */
public class BodyTooLargeException extends RuntimeException {
  private final long limit;

  public BodyTooLargeException(long limit) {
    super("body is larger than " + limit + " bytes", null, false, false);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
