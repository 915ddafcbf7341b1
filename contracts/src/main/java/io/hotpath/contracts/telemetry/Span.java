package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.mapOrEmpty;
import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The part of a span the detectors need. Attributes keep their semantic-convention names ({@code
 * db.statement}, {@code http.route}, ...), old and new alike.
 *
 * @param parentSpanId null for a root span
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    SpanKind kind,
    long startEpochNanos,
    long endEpochNanos,
    SpanStatus status,
    Map<String, String> attributes) {
  public Span {
    require(traceId, "traceId");
    require(spanId, "spanId");
    require(name, "name");
    kind = kind == null ? SpanKind.UNSPECIFIED : kind;
    status = status == null ? SpanStatus.UNSET : status;
    attributes = mapOrEmpty(attributes);
    if (endEpochNanos < startEpochNanos) {
      throw new IllegalArgumentException("endEpochNanos must not be before startEpochNanos");
    }
  }

  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }
}
