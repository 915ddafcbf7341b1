package io.hotpath.tracker.completeness;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.move;
import static io.hotpath.tracker.TrackerTestSupport.transition;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.service.MatrixUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Completeness of a service and of the fleet, and the exit verdict, on the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class CompletenessApiTest {

  @Inject MatrixUpdates updates;
  @Inject BottleneckRepository bottlenecks;

  /** Tracks a bottleneck of {@code service} at {@code location}; returns its human id. */
  private String tracked(String service, String location, Severity severity) throws Throwable {
    BottleneckDetected event =
        Events.elsewhere(
            Events.slowStartup("demo", service, 2300, severity, 1, Events.T), location, severity);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(event));
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    bottlenecks
                        .findByFingerprint("demo", event.fingerprint())
                        .map(TrackedBottleneck::humanId)));
  }

  /** What a passed validation will do; the API itself refuses COMPLETED. */
  private void completedByValidation(String humanId) throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    bottlenecks
                        .findByHumanId("demo", humanId)
                        .invoke(
                            b ->
                                b.moveTo(
                                    BottleneckStatus.COMPLETED, "validation", null, Instant.now()))
                        .replaceWithVoid()));
  }

  private void defer(String humanId, String justification) {
    Map<String, String> body = move("DEFERRED", "bob", "not worth it now");
    body.put("justification", justification);
    transition(DEMO_TOKEN, humanId, body).statusCode(200);
  }

  private static JsonPath completeness(String token, String service) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/services/" + service + "/completeness")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void isIncompleteWhileALowBottleneckIsOpenAndCompleteOnceItIsDeferred() throws Throwable {
    String service = uniqueService();
    String critical = tracked(service, "startup-phase:cache-warmup", Severity.CRITICAL);
    String high = tracked(service, "startup-phase:flyway", Severity.HIGH);
    String medium = tracked(service, "startup-phase:jit", Severity.MEDIUM);
    String low = tracked(service, "startup-phase:logging", Severity.LOW);
    completedByValidation(critical);
    completedByValidation(high);
    defer(medium, "costs 40 ms once a day");

    JsonPath open = completeness(DEMO_TOKEN, service);

    assertThat(open.getString("verdict")).isEqualTo("incomplete");
    assertThat(open.getBoolean("complete")).isFalse();
    assertThat(open.getList("reasons", String.class))
        .containsExactly(
            low
                + " (LOW, "
                + service
                + ") is NOT_STARTED; complete it or defer it with a justification");
    assertThat(open.getLong("total")).isEqualTo(4);
    assertThat(open.getMap("bySeverity"))
        .containsEntry("CRITICAL", 1)
        .containsEntry("HIGH", 1)
        .containsEntry("MEDIUM", 1)
        .containsEntry("LOW", 1);
    assertThat(open.getMap("byStatus"))
        .containsEntry("COMPLETED", 2)
        .containsEntry("DEFERRED", 1)
        .containsEntry("NOT_STARTED", 1)
        .containsEntry("IN_PROGRESS", 0);
    assertThat(open.getDouble("completionPercent")).isEqualTo(66.7);
    assertThat(open.getDouble("criticalCompletionPercent")).isEqualTo(100.0);
    assertThat(open.getString("deferrals[0].humanId")).isEqualTo(medium);
    assertThat(open.getString("deferrals[0].justification")).isEqualTo("costs 40 ms once a day");
    assertThat(open.getString("deferrals[0].by")).isEqualTo("bob");
    assertThat(open.getBoolean("deferrals[0].valid")).isTrue();
    assertThat(open.getList("coverageGaps")).isEmpty();

    defer(low, "one log line per request, below noise");
    JsonPath done = completeness(DEMO_TOKEN, service);

    assertThat(done.getString("verdict")).isEqualTo("complete");
    assertThat(done.getList("reasons")).isEmpty();
    assertThat(done.getDouble("completionPercent")).isEqualTo(100.0);
    assertThat(done.getList("deferrals.humanId", String.class)).containsExactly(medium, low);
  }

  @Test
  void isIncompleteWhileACriticalIsInProgressEvenIfTheAnalyzerNoLongerSeesIt() throws Throwable {
    String service = uniqueService();
    String critical = tracked(service, "startup-phase:cache-warmup", Severity.CRITICAL);
    String high = tracked(service, "startup-phase:flyway", Severity.HIGH);
    transition(DEMO_TOKEN, critical, move("IN_PROGRESS", "alice", "start")).statusCode(200);
    completedByValidation(high);

    JsonPath report = completeness(DEMO_TOKEN, service);

    assertThat(report.getString("verdict")).isEqualTo("incomplete");
    assertThat(report.getDouble("criticalCompletionPercent")).isEqualTo(0.0);
    assertThat(report.getDouble("completionPercent")).isEqualTo(50.0);
    assertThat(report.getList("reasons", String.class))
        .containsExactly(
            critical
                + " (CRITICAL, "
                + service
                + ") is IN_PROGRESS; every CRITICAL must be COMPLETED");
  }

  @Test
  void summarisesTheFleetOfTheCallersTenantOnly() throws Throwable {
    String service = uniqueService();
    String critical = tracked(service, "startup-phase:cache-warmup", Severity.CRITICAL);
    completedByValidation(critical);
    String low = tracked(service, "startup-phase:logging", Severity.LOW);

    JsonPath fleet =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .get("/api/v1/completeness")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(fleet.getString("tenant")).isEqualTo("demo");
    assertThat(fleet.getString("verdict")).isEqualTo("incomplete");
    // Other tests leave open bottlenecks too, so this one's reason may be past the first 100.
    List<String> reasons = fleet.getList("reasons", String.class);
    String expected =
        low
            + " (LOW, "
            + service
            + ") is NOT_STARTED; complete it or defer it with a justification";
    assertThat(reasons.contains(expected) || reasons.get(reasons.size() - 1).startsWith("and "))
        .as("%s", reasons)
        .isTrue();
    assertThat(fleet.getLong("total")).isGreaterThanOrEqualTo(2);
    List<Map<String, Object>> lines = fleet.getList("services");
    assertThat(lines)
        .filteredOn(line -> service.equals(line.get("service")))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).containsEntry("verdict", "incomplete");
              assertThat(line).containsEntry("total", 2);
              assertThat(line).containsEntry("completionPercent", 50.0f);
              assertThat(line).containsEntry("criticalCompletionPercent", 100.0f);
            });

    List<String> othersServices =
        given()
            .auth()
            .oauth2(OTHER_TOKEN)
            .get("/api/v1/completeness")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("services.service", String.class);
    assertThat(othersServices).doesNotContain(service);
  }

  @Test
  void answers404ForAServiceTheTenantHasNoBottleneckOf() throws Throwable {
    String service = uniqueService();
    tracked(service, "startup-phase:flyway", Severity.HIGH);

    given()
        .auth()
        .oauth2(OTHER_TOKEN)
        .get("/api/v1/services/" + service + "/completeness")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("type", equalTo("urn:hotpath:problem:service-not-found"));
    given().get("/api/v1/services/" + service + "/completeness").then().statusCode(401);
    given().get("/api/v1/completeness").then().statusCode(401);
  }
}
