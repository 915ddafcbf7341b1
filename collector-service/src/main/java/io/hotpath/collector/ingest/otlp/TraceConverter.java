package io.hotpath.collector.ingest.otlp;

import com.google.protobuf.ByteString;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an OTLP trace export into {@link SpansReceived} events: one per resource (split in chunks
 * of {@link #MAX_SPANS_PER_EVENT}), each span reduced to what the detectors read. Spans that cannot
 * be kept (no {@code service.name} on their resource, bad ids, end before start) are counted for
 * OTLP's partial success instead of failing the whole request.
 */
public final class TraceConverter {
  static final int SCHEMA_VERSION = 1;

  /** Bounds an event's size: Kafka refuses records over its message size. */
  static final int MAX_SPANS_PER_EVENT = 1000;

  /** The span attributes detectors read, under the old and the new semantic-convention names. */
  static final Set<String> KEPT_ATTRIBUTES =
      Set.of(
          "db.system",
          "db.system.name",
          "db.statement",
          "db.query.text",
          "db.operation",
          "db.operation.name",
          "db.name",
          "db.namespace",
          "http.route",
          "http.method",
          "http.request.method",
          "http.status_code",
          "http.response.status_code",
          "url.full",
          "url.path",
          "url.template",
          "http.url",
          "http.target",
          "server.address",
          "server.port",
          "net.peer.name",
          "messaging.system",
          "messaging.destination.name",
          "messaging.operation",
          "error.type",
          "exception.type");

  private static final HexFormat HEX = HexFormat.of();

  private TraceConverter() {}

  public static Converted<SpansReceived> convert(
      String tenant, ExportTraceServiceRequest request, EventIdSeed ids) {
    List<SpansReceived> events = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      ResourceIdentity identity = ResourceIdentity.of(resourceSpans.getResource());
      if (identity.service() == null) {
        rejections.add(
            "resource " + r + " has no service.name attribute",
            resourceSpans.getScopeSpansList().stream().mapToLong(ScopeSpans::getSpansCount).sum());
        continue;
      }
      List<Span> spans = new ArrayList<>();
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          String problem = problemOf(span);
          if (problem != null) {
            rejections.add(problem, 1);
          } else {
            spans.add(toSpan(span));
          }
        }
      }
      for (int chunk = 0; chunk * MAX_SPANS_PER_EVENT < spans.size(); chunk++) {
        List<Span> part =
            spans.subList(
                chunk * MAX_SPANS_PER_EVENT,
                Math.min(spans.size(), (chunk + 1) * MAX_SPANS_PER_EVENT));
        long lastEnd = part.stream().mapToLong(Span::endEpochNanos).max().orElse(0);
        events.add(
            new SpansReceived(
                ids.id(r, chunk),
                SCHEMA_VERSION,
                tenant,
                identity.service(),
                identity.environment(),
                identity.version(),
                identity.instance(),
                instantOfNanos(lastEnd),
                part));
      }
    }
    return new Converted<>(events, rejections.total(), rejections.message("spans"));
  }

  /** Why {@code span} cannot become a canonical span; null when it can. */
  private static String problemOf(io.opentelemetry.proto.trace.v1.Span span) {
    if (!isValidId(span.getTraceId(), 16)) {
      return "trace_id is not 16 bytes, or all zero";
    }
    if (!isValidId(span.getSpanId(), 8)) {
      return "span_id is not 8 bytes, or all zero";
    }
    if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      return "parent_span_id is not 8 bytes";
    }
    if (span.getName().isBlank()) {
      return "span without a name";
    }
    if (span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
      return "span ends before it starts";
    }
    return null;
  }

  private static boolean isValidId(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private static Span toSpan(io.opentelemetry.proto.trace.v1.Span span) {
    Map<String, String> attributes = AnyValues.strings(span.getAttributesList(), KEPT_ATTRIBUTES);
    if (!attributes.containsKey("exception.type")) {
      // Recorded exceptions are span events named "exception" carrying exception.type.
      span.getEventsList().stream()
          .filter(event -> "exception".equals(event.getName()))
          .flatMap(event -> event.getAttributesList().stream())
          .filter(kv -> "exception.type".equals(kv.getKey()))
          .map(KeyValue::getValue)
          .map(AnyValues::string)
          .filter(type -> type != null && !type.isBlank())
          .findFirst()
          .ifPresent(type -> attributes.put("exception.type", type));
    }
    ByteString parent = span.getParentSpanId();
    return new Span(
        HEX.formatHex(span.getTraceId().toByteArray()),
        HEX.formatHex(span.getSpanId().toByteArray()),
        parent.isEmpty() || !isValidId(parent, 8) ? null : HEX.formatHex(parent.toByteArray()),
        span.getName(),
        kindOf(span.getKindValue()),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        statusOf(span.getStatus()),
        attributes);
  }

  private static SpanKind kindOf(int kind) {
    return switch (kind) {
      case 1 -> SpanKind.INTERNAL;
      case 2 -> SpanKind.SERVER;
      case 3 -> SpanKind.CLIENT;
      case 4 -> SpanKind.PRODUCER;
      case 5 -> SpanKind.CONSUMER;
      default -> SpanKind.UNSPECIFIED;
    };
  }

  private static SpanStatus statusOf(Status status) {
    return switch (status.getCodeValue()) {
      case 1 -> SpanStatus.OK;
      case 2 -> SpanStatus.ERROR;
      default -> SpanStatus.UNSET;
    };
  }

  static Instant instantOfNanos(long epochNanos) {
    return Instant.ofEpochSecond(
        Long.divideUnsigned(epochNanos, 1_000_000_000L),
        Long.remainderUnsigned(epochNanos, 1_000_000_000L));
  }
}
