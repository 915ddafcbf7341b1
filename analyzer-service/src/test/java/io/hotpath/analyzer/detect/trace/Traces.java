package io.hotpath.analyzer.detect.trace;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Spans and span batches for tests; times in ms from {@link #T0}. */
public final class Traces {
  public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L;
  private static int ids;

  private Traces() {}

  public static String id() {
    return String.format("%016x", ++ids);
  }

  public static SpansReceived batch(String service, List<Span> spans) {
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.4.2",
        "pod-1",
        T0,
        spans);
  }

  public static SpansReceived batch(List<Span> spans) {
    return batch("checkout", spans);
  }

  public static Span span(
      String traceId,
      String spanId,
      String parentId,
      String name,
      SpanKind kind,
      double startMs,
      double durationMs,
      Map<String, String> attributes) {
    long start = T0_NANOS + (long) (startMs * 1_000_000);
    return new Span(
        traceId,
        spanId,
        parentId,
        name,
        kind,
        start,
        start + (long) (durationMs * 1_000_000),
        SpanStatus.UNSET,
        attributes);
  }

  public static Span server(String traceId, String spanId, String route, double durationMs) {
    return span(
        traceId,
        spanId,
        null,
        "GET " + route,
        SpanKind.SERVER,
        0,
        durationMs,
        Map.of("http.request.method", "GET", "http.route", route));
  }

  public static Span query(
      String traceId, String parentId, String sql, double startMs, double durationMs) {
    return span(
        traceId,
        id(),
        parentId,
        "SELECT shop",
        SpanKind.CLIENT,
        startMs,
        durationMs,
        Map.of("db.system.name", "postgresql", "db.query.text", sql));
  }

  public static Span call(
      String traceId, String parentId, String url, double startMs, double durationMs) {
    return span(
        traceId,
        id(),
        parentId,
        "GET",
        SpanKind.CLIENT,
        startMs,
        durationMs,
        Map.of("http.request.method", "GET", "url.full", url));
  }

  /** A request to {@code route} that runs {@code sql} {@code times} times one after another. */
  public static List<Span> nPlusOne(String route, String sql, int times, double eachMs) {
    String trace = UUID.randomUUID().toString().replace("-", "");
    String root = id();
    List<Span> spans = new ArrayList<>();
    spans.add(query(trace, root, "select id from orders where customer = 7", 0, 2));
    for (int i = 0; i < times; i++) {
      spans.add(
          query(trace, root, sql.replace("{n}", Integer.toString(i)), 2 + i * eachMs, eachMs));
    }
    spans.add(server(trace, root, route, 2 + times * eachMs + 1));
    return spans;
  }

  public static Map<String, String> attributes(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
