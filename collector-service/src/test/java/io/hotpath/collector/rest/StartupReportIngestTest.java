package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class StartupReportIngestTest {
  static final String TOKEN = "hotpath-demo-token";
  static final String PATH = "/api/v1/reports/startup";

  @TestHTTPResource(PATH)
  URI startupUri;

  static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String report(String service, String eventIdField) {
    return """
        {%s"service": "%s", "environment": "prod", "version": "1.4.2",
         "instance": "pod-1", "timestamp": "2026-11-26T10:15:30Z", "startType": "COLD",
         "phases": [{"name": "class-loading", "durationMs": 640},
                    {"name": "hibernate-bootstrap", "durationMs": 2300}],
         "timeToReadyMs": 4200}
        """
        .formatted(eventIdField, service);
  }

  static String post(String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(PATH)
        .then()
        .statusCode(202)
        .contentType(ContentType.JSON)
        .body("eventId", notNullValue())
        .extract()
        .path("eventId");
  }

  /** The test JVM's client of the broker the test resource started. */
  static TopicClient kafka() {
    return TopicClient.shared(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  static List<ConsumerRecord<String, String>> awaitRecords(String service, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> kafka().readToEnd(Topics.TELEMETRY_REPORTS, "demo/" + service),
            records -> records.size() >= count);
  }

  @Test
  void publishesAnAcceptedReportKeyedByTenantAndServiceWithTheTenantFromTheToken()
      throws Exception {
    String service = uniqueService();

    String eventId = post(report(service, "\"tenant\": \"not-from-the-body\", "));

    List<ConsumerRecord<String, String>> records = awaitRecords(service, 1);
    assertThat(records).hasSize(1);
    JsonNode json = EventJson.mapper().readTree(records.get(0).value());
    assertThat(json.path("kind").asText()).isEqualTo("startup");
    assertThat(json.path("tenant").asText()).isEqualTo("demo");
    assertThat(json.path("eventId").asText()).isEqualTo(eventId);
    TelemetryReport event = EventJson.read(records.get(0).value(), TelemetryReport.class);
    assertThat(event).isInstanceOf(StartupReported.class);
    StartupReported startup = (StartupReported) event;
    assertThat(startup.service()).isEqualTo(service);
    assertThat(startup.startType()).isEqualTo(StartType.COLD);
    assertThat(startup.phases())
        .containsExactly(
            new StartupPhase("class-loading", 640), new StartupPhase("hibernate-bootstrap", 2300));
    assertThat(startup.schemaVersion()).isEqualTo(1);
  }

  @Test
  void theSameEventIdPostedTwiceKeepsItsIdOnBothRecords() {
    String service = uniqueService();
    String eventId = UUID.randomUUID().toString();
    String body = report(service, "\"eventId\": \"" + eventId + "\", ");

    assertThat(post(body)).isEqualTo(eventId);
    assertThat(post(body)).isEqualTo(eventId);

    List<ConsumerRecord<String, String>> records = awaitRecords(service, 2);
    assertThat(records)
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(EventJson.read(r.value(), TelemetryReport.class).eventId())
                    .hasToString(eventId));
  }

  @Test
  void rejectsAMalformedReportWith400AndPublishesNothing() {
    String service = uniqueService();
    String malformed =
        report(service, "")
            .replace("\"durationMs\": 2300", "\"durationMs\": -5")
            .replace("\"version\": \"1.4.2\",", "");

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(malformed)
        .when()
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("type", equalTo("urn:hotpath:problem:invalid-body"))
        .body("detail", containsString("version is required (at /version)"))
        .body("instance", equalTo(PATH))
        .body("errors.pointer", hasItems("/version", "/phases/1/durationMs"))
        .body("errors.detail", hasItem("durationMs must not be negative"));

    // A valid report of the same service (same key, same partition) written afterwards proves the
    // reader sees the partition up to after the rejected request: only that one may be there.
    String after = post(report(service, ""));
    List<ConsumerRecord<String, String>> records = awaitRecords(service, 1);
    assertThat(records)
        .extracting(r -> EventJson.read(r.value(), TelemetryReport.class).eventId().toString())
        .containsExactly(after);
  }

  @Test
  void rejectsBrokenJsonWith400SayingWhere() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"service\": \"checkout\",")
        .when()
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("body is not valid JSON"));
  }

  @Test
  void rejectsARequestWithoutTokenWith401() {
    given()
        .contentType(ContentType.JSON)
        .body(report(uniqueService(), ""))
        .when()
        .post(PATH)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("status", equalTo(401));
  }

  @Test
  void rejectsAnUnknownTokenWith401() {
    given()
        .auth()
        .oauth2("not-a-known-token")
        .contentType(ContentType.JSON)
        .body(report(uniqueService(), ""))
        .when()
        .post(PATH)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("detail", equalTo("the token in the Authorization header is not known"));
  }

  @Test
  void acceptsBasicAuthWithTheTokenAsPassword() {
    String basic =
        Base64.getEncoder().encodeToString(("pyroscope:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    given()
        .header("Authorization", "Basic " + basic)
        .contentType(ContentType.JSON)
        .body(report(uniqueService(), ""))
        .when()
        .post(PATH)
        .then()
        .statusCode(202);
  }

  @Test
  void rejectsABodyOverTheLimitWith413() {
    // Valid JSON padded past 1 MiB with an unknown field: only the size is wrong.
    String padding = "x".repeat(1024 * 1024);
    String body = report(uniqueService(), "\"padding\": \"" + padding + "\", ");

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(PATH)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413))
        .body("detail", containsString("1048576 bytes"));
  }

  @Test
  void rejectsAChunkedBodyOverTheLimitWith413() throws Exception {
    // No Content-Length: the size is only known while reading, so another check has to catch it.
    byte[] body =
        report(uniqueService(), "\"padding\": \"" + "y".repeat(1024 * 1024) + "\", ")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = postChunked(() -> new ByteArrayInputStream(body));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).contains("\"status\":413");
  }

  @Test
  void refusesAChunkedBodyOverTheServerLimitWithAProblemAndKeepsServing() throws Exception {
    // Past quarkus.http.limits.max-body-size (4M here) the body is refused while it is read on the
    // event loop, with a problem document rather than a bare 413, and the rest is not read.
    byte[] chunk = "z".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        postChunked(() -> new RepeatingInputStream(chunk, 5 * 1024 * 1024 / chunk.length));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).contains("\"status\":413").contains("4194304 bytes");
    String service = uniqueService();
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(report(service, ""))
        .when()
        .post(PATH)
        .then()
        .statusCode(202);
    assertThat(awaitRecords(service, 1)).hasSize(1);
  }

  @Test
  void acceptsAReportOverHttp2() throws Exception {
    // The JDK's HTTP client asks for an h2c upgrade by default; the body then arrives on an HTTP/2
    // stream, which the event-loop body reader leaves to RESTEasy Reactive.
    String service = uniqueService();
    HttpRequest request =
        HttpRequest.newBuilder(startupUri)
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(report(service, "")))
            .build();
    HttpClient http2 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> first = http2.send(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = http2.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
    assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(awaitRecords(service, 2)).hasSize(2);
  }

  /** {@code times} copies of {@code chunk}, streamed, so the client sends it chunked. */
  static final class RepeatingInputStream extends java.io.InputStream {
    private final byte[] chunk;
    private int left;
    private int position;

    RepeatingInputStream(byte[] chunk, int times) {
      this.chunk = chunk;
      this.left = times;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, into, offset, n);
      position += n;
      if (position == chunk.length) {
        position = 0;
        left--;
      }
      return n;
    }
  }

  /** Posts a startup report body without a Content-Length (HTTP/1.1, so chunked). */
  private HttpResponse<String> postChunked(java.util.function.Supplier<java.io.InputStream> body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(startupUri)
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(body))
            .build();
    try (HttpClientCloser client = new HttpClientCloser()) {
      return client.http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** HttpClient is AutoCloseable only from Java 21. */
  static final class HttpClientCloser implements AutoCloseable {
    final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public void close() {}
  }

  @Test
  void acceptsAGzippedReport() throws Exception {
    String service = uniqueService();

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "gzip")
        .body(OtlpIngestTest.gzip(report(service, "").getBytes(StandardCharsets.UTF_8)))
        .when()
        .post(PATH)
        .then()
        .statusCode(202);

    assertThat(awaitRecords(service, 1)).hasSize(1);
  }

  @Test
  void rejectsAnotherContentTypeWith415() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.TEXT)
        .body(report(uniqueService(), ""))
        .when()
        .post(PATH)
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("status", equalTo(415));
  }
}
