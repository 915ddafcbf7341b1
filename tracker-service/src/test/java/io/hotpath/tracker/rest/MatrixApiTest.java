package io.hotpath.tracker.rest;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.service.MatrixUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

/** The matrix API: auth, tenants, filters, order, paging and errors, on real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class MatrixApiTest {

  @Inject Flyway flyway;
  @Inject MatrixUpdates updates;
  @Inject BottleneckRepository bottlenecks;

  private void record(BottleneckDetected event) throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(event));
  }

  @Test
  void migratedTheEmptyDatabaseWithFlyway() {
    MigrationInfo[] applied = flyway.info().applied();

    assertThat(applied)
        .anySatisfy(
            migration -> {
              assertThat(migration.getVersion().getVersion()).isEqualTo("1");
              assertThat(migration.getDescription()).isEqualTo("tracking matrix");
              assertThat(migration.getState()).isEqualTo(MigrationState.SUCCESS);
            });
  }

  @Test
  void appliedEveryMigrationInOrder() {
    assertThat(flyway.info().applied())
        .extracting(m -> m.getVersion().getVersion(), MigrationInfo::getState)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("1", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("2", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("3", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("4", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("5", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("6", MigrationState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("7", MigrationState.SUCCESS));
  }

  @Test
  void documentsTheLifecycleCompletenessAndGateEndpointsInOpenApi() {
    String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();

    assertThat(openapi)
        .contains(
            "/api/v1/bottlenecks/{humanId}/transitions",
            "/api/v1/services/{service}/completeness",
            "/api/v1/completeness",
            "/api/v1/services/{service}/baseline",
            "/api/v1/services/{service}/gate",
            "/api/v1/services/{service}/gate-runs",
            "/api/v1/services/{service}/baselines",
            "/api/v1/services/{service}/report",
            "/api/v1/report");
  }

  @Test
  void numbersEachTenantsBottlenecksFromOne() throws Throwable {
    String tenant = "fresh-" + UUID.randomUUID();
    BottleneckDetected first = Events.slowStartup(tenant, "checkout", 2300);

    record(first);
    record(Events.elsewhere(first, "startup-phase:flyway", Severity.LOW));

    List<String> humanIds =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withSession(
                    () ->
                        bottlenecks
                            .matrix(tenant, BottleneckRepository.Filter.none())
                            .list()
                            .map(rows -> rows.stream().map(row -> row.humanId()).toList())));
    assertThat(humanIds).containsExactly("BTLNK-001", "BTLNK-002");
  }

  @Test
  void sortsBySeverityThenHumanIdAndPages() throws Throwable {
    BottleneckDetected low =
        Events.slowStartup("demo", uniqueService(), 2300, Severity.LOW, 1, Events.T);
    BottleneckDetected critical =
        Events.elsewhere(low, "startup-phase:cache-warmup", Severity.CRITICAL);
    BottleneckDetected high = Events.elsewhere(low, "startup-phase:flyway", Severity.HIGH);
    BottleneckDetected alsoCritical = Events.elsewhere(low, "startup-phase:jit", Severity.CRITICAL);
    for (BottleneckDetected event : List.of(low, critical, high, alsoCritical)) {
      record(event);
    }

    JsonPath all = matrixOf(DEMO_TOKEN, low.service());
    assertThat(all.getList("items.severity", String.class))
        .containsExactly("CRITICAL", "CRITICAL", "HIGH", "LOW");
    assertThat(all.getList("items.location", String.class))
        .containsExactly(
            "startup-phase:cache-warmup",
            "startup-phase:jit",
            "startup-phase:flyway",
            Events.LOCATION);
    assertThat(all.getLong("totalItems")).isEqualTo(4);

    JsonPath second =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .queryParam("service", low.service())
            .queryParam("size", 3)
            .queryParam("page", 1)
            .get("/api/v1/bottlenecks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.getList("items.location", String.class)).containsExactly(Events.LOCATION);
    assertThat(second.getInt("page")).isEqualTo(1);
    assertThat(second.getInt("size")).isEqualTo(3);
    assertThat(second.getLong("totalItems")).isEqualTo(4);
    assertThat(second.getLong("totalPages")).isEqualTo(2);
    // A full page and a page past the end count the rows; a page that is not full adds them up.
    assertThat(page(low.service(), 0, 2).getLong("totalItems")).isEqualTo(4);
    assertThat(page(low.service(), 5, 3).getList("items")).isEmpty();
    assertThat(page(low.service(), 5, 3).getLong("totalItems")).isEqualTo(4);
    assertThat(page(low.service(), 0, 5).getLong("totalItems")).isEqualTo(4);
  }

  private static JsonPath page(String service, int page, int size) {
    return given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .queryParam("service", service)
        .queryParam("size", size)
        .queryParam("page", page)
        .get("/api/v1/bottlenecks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void filtersBySeverityStatusAndType() throws Throwable {
    BottleneckDetected high = Events.slowStartup("demo", uniqueService(), 2300);
    record(high);
    record(Events.elsewhere(high, "startup-phase:flyway", Severity.LOW));

    JsonPath filtered =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .queryParam("service", high.service())
            .queryParam("severity", "low")
            .queryParam("status", "NOT_STARTED")
            .queryParam("type", "SLOW_STARTUP")
            .queryParam("environment", "prod")
            .get("/api/v1/bottlenecks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(filtered.getList("items.location", String.class))
        .containsExactly("startup-phase:flyway");
  }

  @Test
  void refusesBadQueryParametersWith400NamingEach() {
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .queryParam("status", "DONE")
        .queryParam("size", 501)
        .queryParam("page", "-1")
        .get("/api/v1/bottlenecks")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/api/v1/bottlenecks"))
        .body("errors.parameter", hasItems("status", "size", "page"));
  }

  @Test
  void showsATenantOnlyItsOwnBottlenecks() throws Throwable {
    BottleneckDetected others = Events.slowStartup("other", uniqueService(), 2300);
    record(others);

    JsonPath asOther = matrixOf(OTHER_TOKEN, others.service());
    assertThat(asOther.getList("items.fingerprint")).containsExactly(others.fingerprint());
    assertThat(matrixOf(DEMO_TOKEN, others.service()).getList("items")).isEmpty();

    // Human ids are per tenant, so demo may have its own row with the same id, never other's.
    String humanId = asOther.getString("items[0].humanId");
    int status =
        given().auth().oauth2(DEMO_TOKEN).get("/api/v1/bottlenecks/" + humanId).statusCode();
    if (status == 200) {
      assertThat(
              given()
                  .auth()
                  .oauth2(DEMO_TOKEN)
                  .get("/api/v1/bottlenecks/" + humanId)
                  .jsonPath()
                  .getString("fingerprint"))
          .isNotEqualTo(others.fingerprint());
    } else {
      assertThat(status).isEqualTo(404);
    }
  }

  @Test
  void answers404ProblemForAnUnknownHumanId() {
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/bottlenecks/BTLNK-999999")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(404))
        .body("detail", equalTo("No bottleneck BTLNK-999999 in your tenant."));
  }

  @Test
  void answersTheFrameworksOwnClientErrorsAsProblems() {
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/no-such-path")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(404))
        .body("instance", equalTo("/api/v1/no-such-path"));
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .post("/api/v1/bottlenecks")
        .then()
        .statusCode(405)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(405));
  }

  @Test
  void refusesRequestsWithoutAValidTokenWith401() {
    given()
        .get("/api/v1/bottlenecks")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("status", equalTo(401));
    given().auth().oauth2("not-a-token").get("/api/v1/bottlenecks").then().statusCode(401);
    given().get("/api/v1/bottlenecks/BTLNK-001").then().statusCode(401);
    given().get("/api/v1/no-such-path").then().statusCode(401);
  }

  @Test
  void acceptsTheTokenAsBasicPassword() {
    given()
        .auth()
        .preemptive()
        .basic("agent", DEMO_TOKEN)
        .get("/api/v1/bottlenecks")
        .then()
        .statusCode(200);
  }

  @Test
  void isReadyWithKafkaAndPostgres() {
    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(
                        "checks.name",
                        hasItems(
                            "SmallRye Reactive Messaging - readiness check",
                            "Reactive PostgreSQL connections health check")));
  }

  @Test
  void readsTheTopicsNamedInTheContract() {
    assertThat(Topics.BOTTLENECKS).isEqualTo(config("mp.messaging.incoming.bottlenecks-in.topic"));
    assertThat(Topics.PLANS).isEqualTo(config("mp.messaging.incoming.plans-in.topic"));
    assertThat(Topics.deadLetter(Topics.BOTTLENECKS))
        .isEqualTo(config("mp.messaging.incoming.bottlenecks-in.dead-letter-queue.topic"));
    assertThat(Topics.deadLetter(Topics.PLANS))
        .isEqualTo(config("mp.messaging.incoming.plans-in.dead-letter-queue.topic"));
  }

  private static String config(String key) {
    return ConfigProvider.getConfig().getValue(key, String.class);
  }
}
