package io.hotpath.collector.ingest.otlp;

import static io.hotpath.collector.ingest.otlp.OtlpSamples.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpConversionTest {
  static final EventIdSeed IDS = EventIdSeed.of("traces", "demo", new byte[] {1, 2, 3});

  static Converted<SpansReceived> traces(byte[] body, OtlpEncoding encoding) {
    return TraceConverter.convert("demo", OtlpCodec.traces(body, encoding), IDS);
  }

  static Converted<MetricsReceived> metrics(byte[] body, OtlpEncoding encoding) {
    return MetricsConverter.convert("demo", OtlpCodec.metrics(body, encoding), IDS);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void protobufAndJsonSpansGiveEqualCanonicalEvents() {
    Converted<SpansReceived> fromProtobuf =
        traces(OtlpSamples.traces("checkout").toByteArray(), OtlpEncoding.PROTOBUF);
    Converted<SpansReceived> fromJson =
        traces(utf8(OtlpSamples.tracesJson("checkout")), OtlpEncoding.JSON);

    assertThat(fromJson).isEqualTo(fromProtobuf);
    assertThat(fromProtobuf.rejected()).isZero();
    SpansReceived event = fromProtobuf.events().get(0);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.service()).isEqualTo("checkout");
    assertThat(event.version()).isEqualTo("1.4.2");
    assertThat(event.environment()).isEqualTo("prod");
    assertThat(event.instance()).isEqualTo("pod-1");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-11-26T10:00:00.250Z"));
    assertThat(event.spans())
        .containsExactly(
            new Span(
                OtlpSamples.TRACE_ID,
                OtlpSamples.SPAN_ID,
                OtlpSamples.PARENT_ID,
                "SELECT orders",
                SpanKind.CLIENT,
                1_764_151_200_000_000_000L,
                1_764_151_200_250_000_000L,
                SpanStatus.ERROR,
                java.util.Map.of(
                    "db.system.name", "postgresql",
                    "db.query.text", "select * from orders where id = ?",
                    "server.port", "5432")));
  }

  @Test
  void protobufAndJsonMetricsGiveEqualCanonicalEvents() {
    Converted<MetricsReceived> fromProtobuf =
        metrics(OtlpSamples.metrics("checkout").toByteArray(), OtlpEncoding.PROTOBUF);
    Converted<MetricsReceived> fromJson =
        metrics(utf8(OtlpSamples.metricsJson("checkout")), OtlpEncoding.JSON);

    assertThat(fromJson).isEqualTo(fromProtobuf);
    List<MetricPoint> points = fromProtobuf.events().get(0).points();
    assertThat(points)
        .extracting(MetricPoint::name, MetricPoint::kind, MetricPoint::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "jvm.memory.used_after_last_gc", MetricKind.GAUGE, 52_428_800.0),
            org.assertj.core.groups.Tuple.tuple(
                "db.client.connection.timeouts", MetricKind.SUM, 3.5),
            org.assertj.core.groups.Tuple.tuple(
                "http.server.request.duration", MetricKind.HISTOGRAM, null));
    MetricPoint histogram = points.get(2);
    assertThat(histogram.histogram())
        .isEqualTo(
            new io.hotpath.contracts.telemetry.Histogram(
                6, 1.25, List.of(0.1, 0.5), List.of(3L, 2L, 1L)));
    assertThat(histogram.attributes()).containsEntry("http.route", "/orders/{id}");
    assertThat(histogram.unit()).isEqualTo("s");
    assertThat(histogram.time()).isEqualTo(Instant.parse("2025-11-26T10:01:00Z"));
    assertThat(points.get(0).attributes()).containsEntry("pool.name", "HikariPool-1");
  }

  @Test
  void keepsDetectorAttributesUnderOldAndNewSemanticConventionNames() {
    io.opentelemetry.proto.trace.v1.Span old =
        OtlpSamples.traces("checkout").getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
            .clearAttributes()
            .addAttributes(attr("db.system", "postgresql"))
            .addAttributes(attr("db.statement", "select 1"))
            .addAttributes(attr("db.operation", "SELECT"))
            .addAttributes(attr("db.name", "orders"))
            .addAttributes(attr("http.method", "GET"))
            .addAttributes(attr("http.status_code", 500))
            .addAttributes(attr("http.url", "http://x/orders/1"))
            .addAttributes(attr("http.target", "/orders/1"))
            .addAttributes(attr("net.peer.name", "db"))
            .addAttributes(attr("http.request.method", "GET"))
            .addAttributes(attr("http.response.status_code", 500))
            .addAttributes(attr("url.full", "http://x/orders/1"))
            .addAttributes(attr("url.path", "/orders/1"))
            .addAttributes(attr("url.template", "/orders/{id}"))
            .addAttributes(attr("http.route", "/orders/{id}"))
            .addAttributes(attr("db.namespace", "orders"))
            .addAttributes(attr("db.operation.name", "SELECT"))
            .addAttributes(attr("messaging.system", "kafka"))
            .addAttributes(attr("messaging.destination.name", "orders"))
            .addAttributes(attr("messaging.operation", "publish"))
            .addAttributes(attr("error.type", "java.sql.SQLException"))
            .addAttributes(attr("user.id", "dropped"))
            .addEvents(
                io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                    .setName("exception")
                    .addAttributes(attr("exception.type", "java.sql.SQLTimeoutException")))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(OtlpSamples.resource("checkout"))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(old)))
            .build();

    Span span = TraceConverter.convert("demo", request, IDS).events().get(0).spans().get(0);

    assertThat(span.attributes())
        .containsEntry("db.system", "postgresql")
        .containsEntry("db.statement", "select 1")
        .containsEntry("db.name", "orders")
        .containsEntry("http.status_code", "500")
        .containsEntry("http.response.status_code", "500")
        .containsEntry("url.template", "/orders/{id}")
        .containsEntry("messaging.destination.name", "orders")
        .containsEntry("exception.type", "java.sql.SQLTimeoutException")
        .doesNotContainKey("user.id")
        .hasSize(22);
  }

  @Test
  void rejectsTheSpansOfAResourceWithoutServiceNameAsAPartialSuccess() {
    ExportTraceServiceRequest request =
        OtlpSamples.traces("checkout").toBuilder()
            .addResourceSpans(
                OtlpSamples.traces(null).getResourceSpans(0).toBuilder()
                    .setResource(OtlpSamples.resource(null)))
            .build();

    Converted<SpansReceived> converted = TraceConverter.convert("demo", request, IDS);

    assertThat(converted.events()).extracting(SpansReceived::service).containsExactly("checkout");
    assertThat(converted.rejected()).isEqualTo(1);
    assertThat(converted.errorMessage())
        .isEqualTo("1 spans rejected: resource 1 has no service.name attribute (1)");
  }

  @Test
  void defaultsVersionAndEnvironmentAndReadsTheOldEnvironmentAttribute() {
    ExportTraceServiceRequest request =
        OtlpSamples.traces("checkout").toBuilder()
            .setResourceSpans(
                0,
                OtlpSamples.traces("checkout").getResourceSpans(0).toBuilder()
                    .setResource(
                        io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                            .addAttributes(attr("service.name", "checkout"))
                            .addAttributes(attr("deployment.environment", "staging"))))
            .build();

    SpansReceived event = TraceConverter.convert("demo", request, IDS).events().get(0);

    assertThat(event.environment()).isEqualTo("staging");
    assertThat(event.version()).isEqualTo("unknown");
    assertThat(event.instance()).isNull();
  }

  @Test
  void convertsAnExponentialHistogramToExplicitBoundsOfPowersOfTheBase() {
    // scale 0: base 2; positive bucket i holds (2^i, 2^(i+1)].
    ExponentialHistogramDataPoint point =
        ExponentialHistogramDataPoint.newBuilder()
            .setTimeUnixNano(1_764_151_260_000_000_000L)
            .setScale(0)
            .setCount(10)
            .setSum(30)
            .setZeroCount(4)
            .setPositive(
                ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(0)
                    .addBucketCounts(1)
                    .addBucketCounts(2)
                    .addBucketCounts(3))
            .build();

    io.hotpath.contracts.telemetry.Histogram explicit = MetricsConverter.toExplicit(point);

    assertThat(explicit.bounds()).containsExactly(1.0, 2.0, 4.0);
    assertThat(explicit.counts()).containsExactly(4L, 1L, 2L, 3L);
    assertThat(explicit.count()).isEqualTo(10);
    assertThat(explicit.sum()).isEqualTo(30);
  }

  @Test
  void convertsNegativeBucketsAndFinerScalesOfAnExponentialHistogram() {
    // scale 1: base sqrt(2). Negative bucket at index 2 holds [-2^(3/2), -2); positive index -1
    // holds (2^(-1/2), 1].
    ExponentialHistogramDataPoint point =
        ExponentialHistogramDataPoint.newBuilder()
            .setTimeUnixNano(1)
            .setScale(1)
            .setCount(6)
            .setZeroCount(1)
            .setNegative(
                ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(2)
                    .addBucketCounts(2)
                    .addBucketCounts(1))
            .setPositive(
                ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-1).addBucketCounts(2))
            .build();

    io.hotpath.contracts.telemetry.Histogram explicit = MetricsConverter.toExplicit(point);

    double base = Math.sqrt(2);
    assertThat(explicit.bounds())
        .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
        .containsExactly(-Math.pow(base, 3), -Math.pow(base, 2), Math.pow(base, -1));
    // (-inf, -base^3]: index 3; (-base^3, -base^2]: index 2; zero; (base^-1, +inf): index -1.
    assertThat(explicit.counts()).containsExactly(1L, 2L, 1L, 2L);
  }

  @Test
  void countsSummaryPointsAsUnsupportedInThePartialSuccess() {
    ExportMetricsServiceRequest request =
        OtlpSamples.metrics("checkout").toBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(OtlpSamples.resource("checkout"))
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("rpc.latency")
                                    .setSummary(
                                        Summary.newBuilder()
                                            .addDataPoints(
                                                SummaryDataPoint.newBuilder().setTimeUnixNano(1))
                                            .addDataPoints(
                                                SummaryDataPoint.newBuilder().setTimeUnixNano(2))))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("queue.latency")
                                    .setExponentialHistogram(
                                        ExponentialHistogram.newBuilder()
                                            .addDataPoints(
                                                ExponentialHistogramDataPoint.newBuilder()
                                                    .setTimeUnixNano(5)
                                                    .setCount(1)
                                                    .setZeroCount(1))))))
            .build();

    Converted<MetricsReceived> converted = MetricsConverter.convert("demo", request, IDS);

    assertThat(converted.rejected()).isEqualTo(2);
    assertThat(converted.errorMessage()).contains("summary metrics are unsupported (2)");
    assertThat(converted.events()).hasSize(2);
    assertThat(converted.events().get(1).points())
        .singleElement()
        .satisfies(p -> assertThat(p.histogram().counts()).containsExactly(1L, 0L));
  }

  @Test
  void rejectsNonHexIdsInJsonWithWhereTheyAre() {
    String json = OtlpSamples.tracesJson("checkout").replace(OtlpSamples.SPAN_ID, "not-hex!");

    assertThatThrownBy(() -> OtlpCodec.traces(utf8(json), OtlpEncoding.JSON))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("/resourceSpans/0/scopeSpans/0/spans/0/spanId");
  }

  @Test
  void rejectsGarbageAsInvalidInBothEncodings() {
    assertThatThrownBy(() -> OtlpCodec.traces(utf8("not a protobuf"), OtlpEncoding.PROTOBUF))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a protobuf ExportTraceServiceRequest");
    assertThatThrownBy(() -> OtlpCodec.metrics(utf8("{\"resourceMetrics\": 5"), OtlpEncoding.JSON))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> OtlpCodec.metrics(utf8("{\"resourceMetrics\": 5}"), OtlpEncoding.JSON))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not an OTLP JSON ExportMetricsServiceRequest");
  }

  @Test
  void theSameBodyGivesTheSameEventIdsAndAnotherBodyOthers() {
    byte[] body = OtlpSamples.traces("checkout").toByteArray();
    byte[] other = OtlpSamples.traces("billing").toByteArray();

    assertThat(EventIdSeed.of("traces", "demo", body).id(0, 0))
        .isEqualTo(EventIdSeed.of("traces", "demo", body.clone()).id(0, 0))
        .isNotEqualTo(EventIdSeed.of("traces", "demo", other).id(0, 0))
        .isNotEqualTo(EventIdSeed.of("traces", "other-tenant", body).id(0, 0))
        .isNotEqualTo(EventIdSeed.of("traces", "demo", body).id(1, 0));
  }
}
