package io.hotpath.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.localstack.HotpathStackResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP exporters, pointed at the collector: the bytes a real
 * agent sends are understood, and the SDK sees its exports succeed.
 */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class OtelSdkExportTest {
  @TestHTTPResource("/v1/traces")
  URL traces;

  @TestHTTPResource("/v1/metrics")
  URL metrics;

  static Resource resource(String service) {
    return Resource.getDefault()
        .merge(
            Resource.create(
                Attributes.of(
                    AttributeKey.stringKey("service.name"), service,
                    AttributeKey.stringKey("service.version"), "2.0.1",
                    AttributeKey.stringKey("deployment.environment.name"), "staging")));
  }

  @Test
  void spansExportedByTheOtelSdkArriveOnTheTracesTopic() {
    String service = OtlpIngestTest.uniqueService();
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(traces.toString())
            .addHeader("Authorization", "Bearer " + OtlpIngestTest.TOKEN)
            .setCompression("gzip")
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource(service))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    try {
      Tracer tracer = provider.get("hotpath-test");
      io.opentelemetry.api.trace.Span server =
          tracer
              .spanBuilder("GET /orders/{id}")
              .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.route", "/orders/{id}")
              .setAttribute("http.response.status_code", 200L)
              .startSpan();
      try (Scope ignored = server.makeCurrent()) {
        tracer
            .spanBuilder("SELECT orders")
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
            .setAttribute("db.system.name", "postgresql")
            .setAttribute("db.query.text", "select * from orders where id = ?")
            .startSpan()
            .end();
      }
      server.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    List<Span> spans =
        OtlpIngestTest.awaitRecords(Topics.TELEMETRY_TRACES, service, 2).stream()
            .map(r -> EventJson.read(r.value(), SpansReceived.class))
            .peek(e -> assertThat(e.version()).isEqualTo("2.0.1"))
            .peek(e -> assertThat(e.environment()).isEqualTo("staging"))
            .flatMap(e -> e.spans().stream())
            .toList();
    // SimpleSpanProcessor exports each span as it ends, and the two exports may overtake each
    // other.
    assertThat(spans)
        .extracting(Span::kind)
        .containsExactlyInAnyOrder(SpanKind.CLIENT, SpanKind.SERVER);
    Span db = spans.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
    Span http = spans.stream().filter(s -> s.kind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(db.parentSpanId()).isEqualTo(http.spanId());
    assertThat(db.traceId()).isEqualTo(http.traceId()).hasSize(32);
    assertThat(http.parentSpanId()).isNull();
    assertThat(db.attributes())
        .containsEntry("db.system.name", "postgresql")
        .containsEntry("db.query.text", "select * from orders where id = ?");
    assertThat(http.attributes())
        .containsEntry("http.route", "/orders/{id}")
        .containsEntry("http.response.status_code", "200");
  }

  @Test
  void metricsExportedByTheOtelSdkArriveOnTheMetricsTopic() {
    String service = OtlpIngestTest.uniqueService();
    OtlpHttpMetricExporter exporter =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(metrics.toString())
            .addHeader("Authorization", "Bearer " + OtlpIngestTest.TOKEN)
            .setDefaultAggregationSelector(
                DefaultAggregationSelector.getDefault()
                    .with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram()))
            .build();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource(service))
            .registerMetricReader(
                PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
            .build();
    try {
      var meter = provider.get("hotpath-test");
      meter
          .counterBuilder("db.client.connection.timeouts")
          .build()
          .add(3, Attributes.of(AttributeKey.stringKey("db.client.connection.pool.name"), "p1"));
      var duration = meter.histogramBuilder("http.server.request.duration").setUnit("s").build();
      for (double d : new double[] {0.01, 0.02, 0.2, 1.5}) {
        duration.record(d, Attributes.of(AttributeKey.stringKey("http.route"), "/orders/{id}"));
      }
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    MetricsReceived event =
        EventJson.read(
            OtlpIngestTest.awaitRecords(Topics.TELEMETRY_METRICS, service, 1).get(0).value(),
            MetricsReceived.class);
    Map<String, MetricPoint> byName =
        event.points().stream()
            .collect(java.util.stream.Collectors.toMap(MetricPoint::name, p -> p, (a, b) -> a));
    assertThat(byName.get("db.client.connection.timeouts").kind()).isEqualTo(MetricKind.SUM);
    assertThat(byName.get("db.client.connection.timeouts").value()).isEqualTo(3.0);
    MetricPoint histogram = byName.get("http.server.request.duration");
    assertThat(histogram.kind()).isEqualTo(MetricKind.HISTOGRAM);
    assertThat(histogram.histogram().count()).isEqualTo(4);
    assertThat(histogram.histogram().counts().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(4);
    assertThat(histogram.attributes()).containsEntry("http.route", "/orders/{id}");
  }
}
