package io.hotpath.contracts.telemetry;

/** The OpenTelemetry span status codes. */
public enum SpanStatus {
  UNSET,
  OK,
  ERROR
}
