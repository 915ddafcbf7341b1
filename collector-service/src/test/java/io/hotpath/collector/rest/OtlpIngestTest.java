package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hotpath.collector.ingest.otlp.OtlpSamples;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP through the real broker: what an OpenTelemetry exporter posts reaches the topics. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class OtlpIngestTest {
  static final String TOKEN = "hotpath-demo-token";
  static final String PROTOBUF = "application/x-protobuf";

  static String uniqueService() {
    return "otlp-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static TopicClient kafka() {
    return TopicClient.shared(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  static List<ConsumerRecord<String, String>> awaitRecords(String topic, String service, int n) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> kafka().readToEnd(topic, "demo/" + service), records -> records.size() >= n);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  /** {@code size} zero bytes gzipped, never held inflated. */
  static byte[] bomb(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      for (long written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  @Test
  void publishesProtobufSpansKeyedByTenantAndServiceAndAnswersWithAnExportResponse()
      throws Exception {
    String service = uniqueService();

    byte[] answer =
        given()
            .auth()
            .oauth2(TOKEN)
            .contentType(PROTOBUF)
            .body(OtlpSamples.traces(service).toByteArray())
            .when()
            .post("/v1/traces")
            .then()
            .statusCode(200)
            .contentType(PROTOBUF)
            .extract()
            .asByteArray();

    assertThat(ExportTraceServiceResponse.parseFrom(answer).hasPartialSuccess()).isFalse();
    ConsumerRecord<String, String> record =
        awaitRecords(Topics.TELEMETRY_TRACES, service, 1).get(0);
    assertThat(record.key()).isEqualTo("demo/" + service);
    SpansReceived event = EventJson.read(record.value(), SpansReceived.class);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.service()).isEqualTo(service);
    assertThat(event.spans())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.traceId()).isEqualTo(OtlpSamples.TRACE_ID);
              assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
              assertThat(span.attributes())
                  .containsEntry("db.query.text", "select * from orders where id = ?");
            });
  }

  @Test
  void theSameExportSentTwiceKeepsItsEventIdsSoConsumersDropTheRetry() {
    String service = uniqueService();
    byte[] body = OtlpSamples.traces(service).toByteArray();

    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(TOKEN)
          .contentType(PROTOBUF)
          .body(body)
          .when()
          .post("/v1/traces")
          .then()
          .statusCode(200);
    }

    List<UUID> ids =
        awaitRecords(Topics.TELEMETRY_TRACES, service, 2).stream()
            .map(r -> EventJson.read(r.value(), SpansReceived.class).eventId())
            .toList();
    assertThat(ids).hasSize(2);
    assertThat(ids.get(1)).isEqualTo(ids.get(0));
  }

  @Test
  void publishesJsonSpansAndAnswersInJson() {
    String service = uniqueService();

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body(OtlpSamples.tracesJson(service))
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body(equalTo("{}"));

    SpansReceived event =
        EventJson.read(
            awaitRecords(Topics.TELEMETRY_TRACES, service, 1).get(0).value(), SpansReceived.class);
    assertThat(event.spans().get(0).spanId()).isEqualTo(OtlpSamples.SPAN_ID);
  }

  @Test
  void publishesGzippedProtobufMetrics() throws Exception {
    String service = uniqueService();

    byte[] answer =
        given()
            .auth()
            .oauth2(TOKEN)
            .contentType(PROTOBUF)
            .header("Content-Encoding", "gzip")
            .body(gzip(OtlpSamples.metrics(service).toByteArray()))
            .when()
            .post("/v1/metrics")
            .then()
            .statusCode(200)
            .contentType(PROTOBUF)
            .extract()
            .asByteArray();

    assertThat(ExportMetricsServiceResponse.parseFrom(answer).hasPartialSuccess()).isFalse();
    ConsumerRecord<String, String> record =
        awaitRecords(Topics.TELEMETRY_METRICS, service, 1).get(0);
    assertThat(record.key()).isEqualTo("demo/" + service);
    MetricsReceived event = EventJson.read(record.value(), MetricsReceived.class);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.points())
        .extracting(MetricPoint::name)
        .containsExactly(
            "jvm.memory.used_after_last_gc",
            "db.client.connection.timeouts",
            "http.server.request.duration");
  }

  @Test
  void publishesGzippedJsonMetrics() throws Exception {
    String service = uniqueService();

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .header("Content-Encoding", "gzip")
        .body(gzip(OtlpSamples.metricsJson(service).getBytes(StandardCharsets.UTF_8)))
        .when()
        .post("/v1/metrics")
        .then()
        .statusCode(200)
        .body(equalTo("{}"));

    assertThat(awaitRecords(Topics.TELEMETRY_METRICS, service, 1)).hasSize(1);
  }

  @Test
  void answersPartialSuccessWhenAResourceHasNoServiceName() throws Exception {
    String service = uniqueService();
    ExportTraceServiceRequest request =
        OtlpSamples.traces(service).toBuilder()
            .addResourceSpans(
                OtlpSamples.traces(null).getResourceSpans(0).toBuilder()
                    .setResource(OtlpSamples.resource(null)))
            .build();

    byte[] answer =
        given()
            .auth()
            .oauth2(TOKEN)
            .contentType(PROTOBUF)
            .body(request.toByteArray())
            .when()
            .post("/v1/traces")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();

    var partial = ExportTraceServiceResponse.parseFrom(answer).getPartialSuccess();
    assertThat(partial.getRejectedSpans()).isEqualTo(1);
    assertThat(partial.getErrorMessage()).contains("no service.name");
    assertThat(awaitRecords(Topics.TELEMETRY_TRACES, service, 1)).hasSize(1);
  }

  @Test
  void answersPartialSuccessInJsonForJson() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body(OtlpSamples.tracesJson("x").replace("\"service.name\"", "\"not.service.name\""))
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("partialSuccess.rejectedSpans", equalTo("1"))
        .body("partialSuccess.errorMessage", containsString("service.name"));
  }

  @Test
  void rejectsGarbageWith400AndAStatusInTheRequestEncoding() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body("{\"resourceSpans\": [")
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("code", equalTo(3))
        .body("message", containsString("not valid JSON"));

    byte[] status =
        given()
            .auth()
            .oauth2(TOKEN)
            .contentType(PROTOBUF)
            .body("not a protobuf".getBytes(StandardCharsets.UTF_8))
            .when()
            .post("/v1/metrics")
            .then()
            .statusCode(400)
            .contentType(PROTOBUF)
            .extract()
            .asByteArray();
    // google.rpc.Status: field 1 code = 3, field 2 the message.
    assertThat(status[0]).isEqualTo((byte) 0x08);
    assertThat(status[1]).isEqualTo((byte) 3);
    assertThat(new String(status, StandardCharsets.UTF_8))
        .contains("not a protobuf ExportMetricsServiceRequest");
  }

  @Test
  void rejectsOtherContentTypesWith415() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("text/plain")
        .body("hello")
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(415);
  }

  @Test
  void rejectsAnUnknownContentEncodingWith415() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(PROTOBUF)
        .header("Content-Encoding", "br")
        .body(OtlpSamples.traces("x").toByteArray())
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(415)
        .body("detail", containsString("Content-Encoding"));
  }

  @Test
  void rejectsGzipBombWith413() throws Exception {
    // 64 MiB of zeros is about 64 KiB gzipped: under the body limit, far over 8 MiB inflated.
    byte[] bomb = bomb(64L << 20);
    assertThat(bomb.length).isLessThan(1 << 20);

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(PROTOBUF)
        .header("Content-Encoding", "gzip")
        .body(bomb)
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(413)
        .contentType(PROTOBUF);
  }

  @Test
  void rejectsARequestWithoutTokenWith401() {
    given()
        .contentType(PROTOBUF)
        .body(OtlpSamples.traces("x").toByteArray())
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(401);
  }
}
