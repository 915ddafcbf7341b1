package io.hotpath.contracts.telemetry;

/** The OpenTelemetry span kinds. */
public enum SpanKind {
  UNSPECIFIED,
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER
}
