package io.hotpath.tracker.messaging;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.produce;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The planner's coverage gaps, read from their topic, hold a service back from complete until a
 * newer plan for the bottleneck arrives.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class CoverageGapPipelineTest {

  static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  static CoverageGapFound gapFor(BottleneckDetected bottleneck) {
    return new CoverageGapFound(
        EventIds.derived(bottleneck.eventId(), "coverage-gap"),
        io.hotpath.contracts.Events.SCHEMA_VERSION,
        bottleneck.tenant(),
        bottleneck.service(),
        bottleneck.environment(),
        bottleneck.version(),
        bottleneck.instance(),
        bottleneck.eventTime().plusMillis(500),
        bottleneck.fingerprint(),
        bottleneck.type(),
        bottleneck.severity(),
        bottleneck.location(),
        CoverageGapFound.MISSING_EVIDENCE,
        "evidence lacks durationMs",
        "sha256:0123456789ab");
  }

  static JsonPath completeness(String service) {
    return given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/services/" + service + "/completeness")
        .then()
        .extract()
        .jsonPath();
  }

  @Test
  void aGapKeepsTheServiceIncompleteUntilANewerPlanArrives() {
    String service = uniqueService();
    BottleneckDetected bottleneck =
        Events.slowStartup("demo", service, 2300, Severity.HIGH, 1, Events.T);
    produce(bootstrap(), Topics.BOTTLENECKS, bottleneck);
    produce(bootstrap(), Topics.COVERAGE_GAPS, gapFor(bottleneck));

    List<String> reasons =
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(300))
            .until(
                () -> completeness(service).getList("reasons", String.class),
                r -> r != null && r.stream().anyMatch(s -> s.startsWith("coverage gap")));
    assertThat(reasons)
        .contains(
            "coverage gap: no plan for HIGH bottleneck "
                + bottleneck.fingerprint()
                + " of "
                + service
                + " (missing-evidence: evidence lacks durationMs)");
    assertThat(completeness(service).getBoolean("complete")).isFalse();

    // The planner plans it after all (Events.planFor is one second after the bottleneck).
    produce(bootstrap(), Topics.PLANS, Events.planFor(bottleneck));

    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> completeness(service).getList("coverageGaps"),
            gaps -> gaps != null && gaps.isEmpty());
  }

  @Test
  void aGapNewerThanThePlanIsOpen() {
    String service = uniqueService();
    BottleneckDetected bottleneck =
        Events.slowStartup("demo", service, 2300, Severity.HIGH, 1, Events.T);
    produce(bootstrap(), Topics.BOTTLENECKS, bottleneck);
    produce(bootstrap(), Topics.PLANS, Events.planFor(bottleneck));
    CoverageGapFound older = gapFor(bottleneck);
    // After the plan: the catalog changed and the bottleneck can no longer be planned.
    CoverageGapFound newer =
        new CoverageGapFound(
            EventIds.derived(bottleneck.eventId(), "coverage-gap-2"),
            older.schemaVersion(),
            older.tenant(),
            older.service(),
            older.environment(),
            older.version(),
            older.instance(),
            bottleneck.eventTime().plusSeconds(5),
            older.bottleneckFingerprint(),
            older.bottleneckType(),
            older.severity(),
            older.location(),
            CoverageGapFound.NO_PLAYBOOK,
            "",
            "sha256:fedcba987654");
    produce(bootstrap(), Topics.COVERAGE_GAPS, newer);

    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> completeness(service).getList("reasons", String.class),
            r -> r != null && r.stream().anyMatch(s -> s.endsWith("(no-playbook)")));
  }
}
