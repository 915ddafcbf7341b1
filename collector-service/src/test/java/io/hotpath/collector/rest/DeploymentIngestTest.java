package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class DeploymentIngestTest {
  static final String PATH = "/api/v1/deployments";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void publishesAnAcceptedDeploymentKeyedByTenantAndService() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String eventId = UUID.randomUUID().toString();

    given()
        .auth()
        .oauth2("hotpath-demo-token")
        .contentType(ContentType.JSON)
        .body(
            """
            {"eventId": "%s", "service": "%s", "environment": "prod", "version": "1.4.3",
             "previousVersion": "1.4.2", "optimizationIds": ["BTLNK-001"],
             "rollbackTarget": "1.4.2", "timestamp": "2026-11-26T11:00:00Z"}
            """
                .formatted(eventId, service))
        .when()
        .post(PATH)
        .then()
        .statusCode(202)
        .body("eventId", equalTo(eventId));

    List<ConsumerRecord<String, String>> records =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () ->
                    TopicClient.shared(bootstrap).readToEnd(Topics.DEPLOYMENTS, "demo/" + service),
                found -> !found.isEmpty());
    DeploymentRecorded event = EventJson.read(records.get(0).value(), DeploymentRecorded.class);
    assertThat(event.eventId()).hasToString(eventId);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.version()).isEqualTo("1.4.3");
    assertThat(event.previousVersion()).isEqualTo("1.4.2");
    assertThat(event.optimizationIds()).containsExactly("BTLNK-001");
    assertThat(event.rollbackTarget()).isEqualTo("1.4.2");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
  }

  @Test
  void rejectsADeploymentWithoutVersionWith400() {
    given()
        .auth()
        .oauth2("hotpath-demo-token")
        .contentType(ContentType.JSON)
        .body("{\"service\": \"checkout\", \"environment\": \"prod\"}")
        .when()
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo("/version"))
        .body("errors[0].detail", equalTo("version is required"));
  }

  @Test
  void rejectsADeploymentWithoutTokenWith401() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"service\": \"checkout\", \"environment\": \"prod\", \"version\": \"1\"}")
        .when()
        .post(PATH)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }
}
