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
      return Map.of(
          // A channel's own bootstrap.servers wins over the global one from the test resource.
          "mp.messaging.outgoing.reports-out.bootstrap.servers", "127.0.0.1:9",
          "mp.messaging.outgoing.reports-out.max.block.ms", "1000",
          "mp.messaging.outgoing.reports-out.request.timeout.ms", "1000",
          "mp.messaging.outgoing.reports-out.delivery.timeout.ms", "2000",
          "hotpath.collector.publish-timeout", "3s",
          "hotpath.collector.retry-after", "7s");
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
