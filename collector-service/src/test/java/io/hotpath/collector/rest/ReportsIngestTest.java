package io.hotpath.collector.rest;

import static io.hotpath.collector.rest.StartupReportIngestTest.TOKEN;
import static io.hotpath.collector.rest.StartupReportIngestTest.awaitRecords;
import static io.hotpath.collector.rest.StartupReportIngestTest.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reports besides startup, posted as the OpenAPI examples show them, through the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class ReportsIngestTest {

  static Stream<Arguments> reports() {
    return Stream.of(
        Arguments.of(
            "endpoint-stats", ReportsResource.ENDPOINT_STATS_EXAMPLE, EndpointStatsReported.class),
        Arguments.of("query-stats", ReportsResource.QUERY_STATS_EXAMPLE, QueryStatsReported.class),
        Arguments.of("resources", ReportsResource.RESOURCES_EXAMPLE, ResourcesSampled.class),
        Arguments.of(
            "functionality", ReportsResource.FUNCTIONALITY_EXAMPLE, FunctionalityChecked.class));
  }

  /** The example, for another service and with another event id. */
  static String report(String example, String service, UUID eventId) {
    return example
        .replace("\"checkout\"", "\"" + service + "\"")
        .replaceFirst("\"eventId\": \"[^\"]*\"", "\"eventId\": \"" + eventId + "\"");
  }

  static String post(String kind, String body, int status) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/reports/" + kind)
        .then()
        .statusCode(status)
        .extract()
        .asString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void publishesTheReportWithItsKindKeyedByTenantAndService(
      String kind, String example, Class<? extends TelemetryReport> type) throws Exception {
    String service = uniqueService();
    UUID eventId = UUID.randomUUID();

    String answer = post(kind, report(example, service, eventId), 202);

    assertThat(EventJson.mapper().readTree(answer).path("eventId").asText())
        .isEqualTo(eventId.toString());
    List<ConsumerRecord<String, String>> records = awaitRecords(service, 1);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo("demo/" + service);
    JsonNode json = EventJson.mapper().readTree(records.get(0).value());
    assertThat(json.path("kind").asText()).isEqualTo(kind);
    assertThat(json.path("tenant").asText()).isEqualTo("demo");
    TelemetryReport event = EventJson.read(records.get(0).value(), TelemetryReport.class);
    assertThat(event).isInstanceOf(type);
    assertThat(event.eventId()).isEqualTo(eventId);
    assertThat(event.service()).isEqualTo(service);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void rejectsAReportWithoutVersionWith400AndPublishesNothing(
      String kind, String example, Class<? extends TelemetryReport> type) {
    String service = uniqueService();
    String malformed =
        report(example, service, UUID.randomUUID()).replaceFirst("\"version\": \"[^\"]*\",", "");

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(malformed)
        .when()
        .post("/api/v1/reports/" + kind)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:hotpath:problem:invalid-body"))
        .body("instance", equalTo("/api/v1/reports/" + kind))
        .body("errors.pointer", hasItem("/version"));

    // A valid report of the same service (same partition) written afterwards: only it may be there.
    UUID after = UUID.randomUUID();
    post(kind, report(example, service, after), 202);
    List<ConsumerRecord<String, String>> records = awaitRecords(service, 1);
    assertThat(records)
        .extracting(r -> EventJson.read(r.value(), TelemetryReport.class).eventId())
        .containsExactly(after);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void documentsThePathWithAnExampleAndItsRefusalsInOpenApi(String kind) {
    String operation = "paths.'/api/v1/reports/" + kind + "'.post";
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(operation + ".requestBody.content.'application/json'.examples", notNullValue())
        .body(operation + ".responses", hasKey("202"))
        .body(operation + ".responses", hasKey("400"))
        .body(operation + ".responses", hasKey("503"))
        .body(operation + ".responses.'400'.content", hasKey("application/problem+json"));
  }
}
