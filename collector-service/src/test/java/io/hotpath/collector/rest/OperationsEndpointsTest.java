package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hotpath.contracts.Topics;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import net.jpountz.lz4.LZ4Factory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class OperationsEndpointsTest {

  @Test
  void isReadyWhenKafkaIsReachable() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Reactive Messaging")))
        .body("checks[0].data.reports-out", equalTo("[OK]"))
        .body("checks[0].data.deployments-out", equalTo("[OK]"));
  }

  @Test
  void compressesKafkaBatchesWithTheNativeLz4() {
    // Kafka asks LZ4Factory.fastestInstance() for each batch; under Quarkus' class loader it
    // answers the pure-Java compressor unless the collector loaded the JNI library.
    assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
  }

  @Test
  void servesPrometheusMetricsIncludingRejectionsByReason() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post("/api/v1/reports/startup")
        .then()
        .statusCode(401);

    String metrics =
        given()
            .accept("text/plain")
            .when()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .contentType(containsString("text/plain"))
            .extract()
            .asString();

    assertThat(metrics)
        .contains("# TYPE hotpath_collector_reports_total counter")
        .containsPattern(
            "hotpath_collector_reports_total\\{[^}]*kind=\"startup\"[^}]*outcome=\"rejected\""
                + "[^}]*reason=\"unauthorized\"");
  }

  @Test
  void documentsTheIngestPathsInOpenApi() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("Hotpath collector API"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/reports/startup"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/deployments"))
        .body("paths", org.hamcrest.Matchers.hasKey("/v1/traces"))
        .body("paths", org.hamcrest.Matchers.hasKey("/v1/metrics"))
        .body(
            "paths.'/v1/traces'.post.requestBody.content",
            org.hamcrest.Matchers.hasKey("application/x-protobuf"))
        // The refusals are declared once on the OTLP resource and must reach both operations.
        .body(
            "paths.'/v1/traces'.post.responses.keySet()",
            org.hamcrest.Matchers.hasItems("200", "400", "401", "413", "415", "503"))
        .body(
            "paths.'/v1/metrics'.post.responses.keySet()",
            org.hamcrest.Matchers.hasItems("200", "400", "401", "413", "415", "503"))
        .body(
            "paths.'/api/v1/reports/startup'.post.requestBody.content.'application/json'.examples",
            org.hamcrest.Matchers.notNullValue())
        .body("components.schemas.StartupReport.properties.phases.type", equalTo("array"));
  }

  @Test
  void channelsWriteToTheContractTopics() {
    var config = ConfigProvider.getConfig();
    assertThat(config.getValue("mp.messaging.outgoing.reports-out.topic", String.class))
        .isEqualTo(Topics.TELEMETRY_REPORTS);
    assertThat(config.getValue("mp.messaging.outgoing.deployments-out.topic", String.class))
        .isEqualTo(Topics.DEPLOYMENTS);
    assertThat(config.getValue("mp.messaging.outgoing.traces-out.topic", String.class))
        .isEqualTo(Topics.TELEMETRY_TRACES);
    assertThat(config.getValue("mp.messaging.outgoing.metrics-out.topic", String.class))
        .isEqualTo(Topics.TELEMETRY_METRICS);
    assertThat(config.getValue("mp.messaging.outgoing.profiles-out.topic", String.class))
        .isEqualTo(Topics.TELEMETRY_PROFILES);
  }
}
