package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the reports channel pointed at a port where no broker listens, agents get 503. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
@TestProfile(KafkaUnavailableTest.NoBroker.class)
class KafkaUnavailableTest {

  public static class NoBroker implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.ofEntries(
          // A channel's own bootstrap.servers wins over the global one from the test resource.
          Map.entry("mp.messaging.outgoing.reports-out.bootstrap.servers", "127.0.0.1:9"),
          Map.entry("mp.messaging.outgoing.reports-out.max.block.ms", "1000"),
          Map.entry("mp.messaging.outgoing.reports-out.request.timeout.ms", "1000"),
          Map.entry("mp.messaging.outgoing.reports-out.delivery.timeout.ms", "2000"),
          Map.entry("mp.messaging.outgoing.traces-out.bootstrap.servers", "127.0.0.1:9"),
          Map.entry("mp.messaging.outgoing.traces-out.max.block.ms", "1000"),
          Map.entry("mp.messaging.outgoing.traces-out.request.timeout.ms", "1000"),
          Map.entry("mp.messaging.outgoing.traces-out.delivery.timeout.ms", "2000"),
          Map.entry("hotpath.collector.publish-timeout", "3s"),
          Map.entry("hotpath.collector.retry-after", "7s"));
    }
  }

  @Test
  void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
    given()
        .auth()
        .oauth2("hotpath-demo-token")
        .contentType(ContentType.JSON)
        .body(
            """
            {"service": "checkout", "environment": "prod", "version": "1", "startType": "WARM",
             "phases": [{"name": "boot", "durationMs": 10}]}
            """)
        .when()
        .post("/api/v1/reports/startup")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "7")
        .body("status", equalTo(503))
        .body("type", equalTo("urn:hotpath:problem:kafka-unavailable"));
  }

  @Test
  void answersOtlp503WithRetryAfterAndAStatusWhenKafkaDoesNotAcknowledge() {
    given()
        .auth()
        .oauth2("hotpath-demo-token")
        .contentType(ContentType.JSON)
        .body(io.hotpath.collector.ingest.otlp.OtlpSamples.tracesJson("checkout"))
        .when()
        .post("/v1/traces")
        .then()
        .statusCode(503)
        .contentType(ContentType.JSON)
        .header("Retry-After", "7")
        .body("code", equalTo(14))
        .body("message", org.hamcrest.Matchers.containsString("retry after 7 s"));
  }

  @Test
  void isNotReadyWhileAChannelCannotReachKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks[0].data.reports-out", org.hamcrest.Matchers.containsString("KO"));
  }
}
