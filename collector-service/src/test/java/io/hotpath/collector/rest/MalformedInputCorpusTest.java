package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Topics;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed input across every protocol, each with the status it must get and the words
 * that must tell the sender what failed. None of it reaches Kafka, and the collector goes on
 * serving. OTLP answers with a {@code google.rpc.Status} in the request's encoding (the OTLP
 * specification); everything else with {@code application/problem+json}.
 */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class MalformedInputCorpusTest {
  static final String PROBLEM = "application/problem+json";
  static final String PROTOBUF = "application/x-protobuf";
  static final List<String> TOPICS =
      List.of(
          Topics.TELEMETRY_REPORTS,
          Topics.TELEMETRY_TRACES,
          Topics.TELEMETRY_METRICS,
          Topics.TELEMETRY_PROFILES,
          Topics.DEPLOYMENTS);

  /**
   * One malformed request.
   *
   * @param query the query string of the path, may be empty
   * @param encoding a Content-Encoding, or null
   * @param status the status it must get
   * @param responseType the response's media type
   * @param says words the response body must contain (what failed, where)
   */
  record Case(
      String name,
      String path,
      String query,
      String contentType,
      String encoding,
      byte[] body,
      int status,
      String responseType,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case json(String name, String path, String body, String says) {
    return new Case(name, path, "", "application/json", null, utf8(body), 400, PROBLEM, says);
  }

  static Case ingest(String name, String query, String contentType, byte[] body, String says) {
    return new Case(name, "/ingest", query, contentType, null, body, 400, PROBLEM, says);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] multipart(String boundary, String part, byte[] content) {
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + part
            + "\"; filename=\""
            + part
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    byte[] start = utf8(head);
    byte[] end = utf8("\r\n--" + boundary + "--\r\n");
    byte[] all = Arrays.copyOf(start, start.length + content.length + end.length);
    System.arraycopy(content, 0, all, start.length, content.length);
    System.arraycopy(end, 0, all, start.length + content.length, end.length);
    return all;
  }

  static byte[] gzip(byte[] data) {
    try {
      return OtlpIngestTest.gzip(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Case> corpus() {
    String service = "\"service\": \"corpus\", \"environment\": \"prod\", \"version\": \"1\"";
    byte[] truncatedGzip = Arrays.copyOf(gzip(utf8("main;work 10\n".repeat(200))), 20);
    return Stream.of(
        // Hotpath JSON API
        json("startup: broken JSON", "/api/v1/reports/startup", "{\"service\": ", "JSON"),
        json("startup: an array, not an object", "/api/v1/reports/startup", "[]", "object"),
        json(
            "startup: phase without duration",
            "/api/v1/reports/startup",
            "{" + service + ", \"startType\": \"COLD\", \"phases\": [{\"name\": \"boot\"}]}",
            "/phases/0/durationMs"),
        json(
            "endpoint-stats: count as text",
            "/api/v1/reports/endpoint-stats",
            "{"
                + service
                + ", \"windowStart\": \"2026-11-26T10:00:00Z\", \"windowEnd\":"
                + " \"2026-11-26T10:01:00Z\", \"endpoints\": [{\"route\": \"GET /a\","
                + " \"requests\": \"ten\"}]}",
            "/endpoints/0/requests"),
        json(
            "resources: negative heap",
            "/api/v1/reports/resources",
            "{"
                + service
                + ", \"samples\": [{\"timestamp\": \"2026-11-26T10:00:00Z\","
                + " \"heapUsedMb\": -5}]}",
            "heapUsedMb"),
        json(
            "functionality: passed as a string",
            "/api/v1/reports/functionality",
            "{" + service + ", \"checks\": [{\"name\": \"checkout\", \"passed\": \"yes\"}]}",
            "/checks/0/passed"),
        json(
            "deployment: no version",
            "/api/v1/deployments",
            "{\"service\": \"corpus\", \"environment\": \"prod\"}",
            "version"),
        new Case(
            "startup: text/plain",
            "/api/v1/reports/startup",
            "",
            "text/plain",
            null,
            utf8("hello"),
            415,
            PROBLEM,
            "Unsupported"),
        new Case(
            "startup: gzip header on a plain body",
            "/api/v1/reports/startup",
            "",
            "application/json",
            "gzip",
            utf8("{\"service\": \"x\"}"),
            400,
            PROBLEM,
            "gzip"),
        // OTLP/HTTP
        new Case(
            "traces: not a protobuf",
            "/v1/traces",
            "",
            PROTOBUF,
            null,
            utf8("not a protobuf"),
            400,
            PROTOBUF,
            "ExportTraceServiceRequest"),
        new Case(
            "metrics: broken JSON",
            "/v1/metrics",
            "",
            "application/json",
            null,
            utf8("{\"resourceMetrics\": ["),
            400,
            "application/json",
            "not valid JSON"),
        new Case(
            "traces: JSON with a non-hex trace id",
            "/v1/traces",
            "",
            "application/json",
            null,
            utf8(
                "{\"resourceSpans\": [{\"resource\": {\"attributes\": [{\"key\":"
                    + " \"service.name\", \"value\": {\"stringValue\": \"corpus\"}}]},"
                    + " \"scopeSpans\": [{\"spans\": [{\"traceId\": \"zz\", \"spanId\":"
                    + " \"0102030405060708\", \"name\": \"x\"}]}]}]}"),
            400,
            "application/json",
            "traceId"),
        new Case(
            "traces: truncated gzip",
            "/v1/traces",
            "",
            PROTOBUF,
            "gzip",
            truncatedGzip,
            400,
            PROTOBUF,
            "gzip"),
        new Case(
            "metrics: text/plain",
            "/v1/metrics",
            "",
            "text/plain",
            null,
            utf8("x"),
            415,
            PROBLEM,
            "Content-Type"),
        // Pyroscope /ingest
        ingest("folded: no count", "name=corpus.cpu", "text/plain", utf8("main;work\n"), "line 1"),
        ingest(
            "folded: negative count",
            "name=corpus.cpu",
            "text/plain",
            utf8("main;a 3\nmain;b -2\n"),
            "line 2"),
        ingest("no name", "", "text/plain", utf8("main 1\n"), "name"),
        ingest(
            "unclosed label set",
            "name=corpus.cpu%7Benv%3Dprod",
            "text/plain",
            utf8("main 1\n"),
            "name"),
        ingest(
            "from is not a time", "name=corpus.cpu&from=soon", "text/plain", utf8("m 1\n"), "from"),
        ingest(
            "unknown format",
            "name=corpus.cpu&format=speedscope",
            "text/plain",
            utf8("m 1\n"),
            "format"),
        ingest(
            "pprof: not a profile",
            "name=corpus.cpu&format=pprof",
            "multipart/form-data; boundary=corpus",
            multipart("corpus", "profile", utf8("definitely not pprof")),
            "pprof"),
        ingest(
            "pprof: truncated gzip",
            "name=corpus.cpu&format=pprof",
            "multipart/form-data; boundary=corpus",
            multipart("corpus", "profile", truncatedGzip),
            "gzip"),
        ingest(
            "jfr: not a recording",
            "name=corpus&format=jfr",
            "multipart/form-data; boundary=corpus",
            multipart("corpus", "jfr", utf8("FLR\0 but not really")),
            "JFR"),
        ingest(
            "jfr: multipart without the jfr part",
            "name=corpus&format=jfr",
            "multipart/form-data; boundary=corpus",
            multipart("corpus", "labels", utf8("{}")),
            "jfr"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedInputGetsItsStatusSaysWhatFailedAndPublishesNothing(Case c) {
    long before = recordsOnTheTopics();

    RequestSpecification request =
        given()
            .auth()
            .oauth2(OtlpIngestTest.TOKEN)
            .contentType(c.contentType())
            .body(c.body())
            .urlEncodingEnabled(false);
    if (c.encoding() != null) {
      request.header("Content-Encoding", c.encoding());
    }
    Response response =
        request.when().post(c.query().isEmpty() ? c.path() : c.path() + "?" + c.query());

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(c.status());
    assertThat(response.contentType()).startsWith(c.responseType());
    assertThat(response.asString()).containsIgnoringCase(c.says());
    assertThat(recordsOnTheTopics()).isEqualTo(before);
    // Still serving: a valid report right after is accepted.
    given()
        .auth()
        .oauth2(OtlpIngestTest.TOKEN)
        .contentType("text/plain")
        .body("main;ok 1\n")
        .post("/ingest?name=corpus-after.cpu")
        .then()
        .statusCode(200);
  }

  static long recordsOnTheTopics() {
    return TOPICS.stream().mapToLong(t -> OtlpIngestTest.kafka().endOffsetSum(t)).sum();
  }
}
