package io.hotpath.collector.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** OTLP requests as agents send them, built once as protobuf and once as OTLP JSON text. */
public final class OtlpSamples {
  public static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  public static final String SPAN_ID = "eee19b7ec3c1b174";
  public static final String PARENT_ID = "eee19b7ec3c1b173";

  private OtlpSamples() {}

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  public static Resource resource(String service) {
    Resource.Builder resource = Resource.newBuilder();
    if (service != null) {
      resource.addAttributes(attr("service.name", service));
    }
    return resource
        .addAttributes(attr("service.version", "1.4.2"))
        .addAttributes(attr("deployment.environment.name", "prod"))
        .addAttributes(attr("service.instance.id", "pod-1"))
        .build();
  }

  static ByteString hex(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  /** One resource ({@code service}) with a CLIENT database span under new semconv names. */
  public static ExportTraceServiceRequest traces(String service) {
    Span span =
        Span.newBuilder()
            .setTraceId(hex(TRACE_ID))
            .setSpanId(hex(SPAN_ID))
            .setParentSpanId(hex(PARENT_ID))
            .setName("SELECT orders")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_764_151_200_000_000_000L)
            .setEndTimeUnixNano(1_764_151_200_250_000_000L)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .addAttributes(attr("db.system.name", "postgresql"))
            .addAttributes(attr("db.query.text", "select * from orders where id = ?"))
            .addAttributes(attr("server.port", 5432))
            .addAttributes(attr("thread.name", "main"))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(service))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  /** {@link #traces} as OTLP JSON: hex ids (upper case here), integer enums, string int64. */
  public static String tracesJson(String service) {
    return """
        {"resourceSpans": [{
          "resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": "%s"}},
            {"key": "service.version", "value": {"stringValue": "1.4.2"}},
            {"key": "deployment.environment.name", "value": {"stringValue": "prod"}},
            {"key": "service.instance.id", "value": {"stringValue": "pod-1"}}]},
          "scopeSpans": [{"scope": {"name": "io.opentelemetry.jdbc"}, "spans": [{
            "traceId": "%s", "spanId": "%s", "parentSpanId": "%s",
            "name": "SELECT orders", "kind": 3,
            "startTimeUnixNano": "1764151200000000000", "endTimeUnixNano": 1764151200250000000,
            "status": {"code": 2},
            "attributes": [
              {"key": "db.system.name", "value": {"stringValue": "postgresql"}},
              {"key": "db.query.text", "value": {"stringValue": "select * from orders where id = ?"}},
              {"key": "server.port", "value": {"intValue": "5432"}},
              {"key": "thread.name", "value": {"stringValue": "main"}}],
            "someFutureField": true}]}]}]}
        """
        .formatted(service, TRACE_ID.toUpperCase(), SPAN_ID, PARENT_ID);
  }

  private static NumberDataPoint.Builder number(long time) {
    return NumberDataPoint.newBuilder()
        .setTimeUnixNano(time)
        .addAttributes(attr("pool.name", "HikariPool-1"));
  }

  /** A gauge, a monotonic sum and an explicit histogram of {@code service}. */
  public static ExportMetricsServiceRequest metrics(String service) {
    long time = 1_764_151_260_000_000_000L;
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(service))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("jvm.memory.used_after_last_gc")
                                .setUnit("By")
                                .setGauge(
                                    Gauge.newBuilder()
                                        .addDataPoints(number(time).setAsInt(52_428_800))))
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("db.client.connection.timeouts")
                                .setUnit("{timeout}")
                                .setSum(
                                    Sum.newBuilder()
                                        .setIsMonotonic(true)
                                        .setAggregationTemporality(
                                            AggregationTemporality
                                                .AGGREGATION_TEMPORALITY_CUMULATIVE)
                                        .addDataPoints(number(time).setAsDouble(3.5))))
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("http.server.request.duration")
                                .setUnit("s")
                                .setHistogram(
                                    Histogram.newBuilder()
                                        .setAggregationTemporality(
                                            AggregationTemporality
                                                .AGGREGATION_TEMPORALITY_CUMULATIVE)
                                        .addDataPoints(
                                            HistogramDataPoint.newBuilder()
                                                .setTimeUnixNano(time)
                                                .addAttributes(attr("http.route", "/orders/{id}"))
                                                .setCount(6)
                                                .setSum(1.25)
                                                .addExplicitBounds(0.1)
                                                .addExplicitBounds(0.5)
                                                .addBucketCounts(3)
                                                .addBucketCounts(2)
                                                .addBucketCounts(1))))))
        .build();
  }

  /** {@link #metrics} as OTLP JSON. */
  public static String metricsJson(String service) {
    return """
        {"resourceMetrics": [{
          "resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": "%s"}},
            {"key": "service.version", "value": {"stringValue": "1.4.2"}},
            {"key": "deployment.environment.name", "value": {"stringValue": "prod"}},
            {"key": "service.instance.id", "value": {"stringValue": "pod-1"}}]},
          "scopeMetrics": [{"metrics": [
            {"name": "jvm.memory.used_after_last_gc", "unit": "By", "gauge": {"dataPoints": [
              {"timeUnixNano": "1764151260000000000", "asInt": "52428800",
               "attributes": [{"key": "pool.name", "value": {"stringValue": "HikariPool-1"}}]}]}},
            {"name": "db.client.connection.timeouts", "unit": "{timeout}", "sum": {
              "isMonotonic": true, "aggregationTemporality": 2, "dataPoints": [
              {"timeUnixNano": "1764151260000000000", "asDouble": 3.5,
               "attributes": [{"key": "pool.name", "value": {"stringValue": "HikariPool-1"}}]}]}},
            {"name": "http.server.request.duration", "unit": "s", "histogram": {
              "aggregationTemporality": 2, "dataPoints": [
              {"timeUnixNano": "1764151260000000000", "count": "6", "sum": 1.25,
               "explicitBounds": [0.1, 0.5], "bucketCounts": ["3", "2", "1"],
               "attributes": [{"key": "http.route", "value": {"stringValue": "/orders/{id}"}}]}]}}
          ]}]}]}
        """
        .formatted(service);
  }
}
