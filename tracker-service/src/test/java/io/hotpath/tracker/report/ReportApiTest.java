package io.hotpath.tracker.report;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.MatrixUpdates;
import io.hotpath.tracker.service.Validations;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimization report as JSON, Markdown and HTML, on the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class ReportApiTest {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @Inject MatrixUpdates updates;
  @Inject Baselines baselines;
  @Inject Validations validations;

  private void report(TelemetryReport r) throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> baselines.record(r));
  }

  /**
   * A service with a fix validated in 1.5.0 (hibernate-bootstrap 2300 -> 900 ms) and a second,
   * unplanned bottleneck at a hostile location; the validated one's human id.
   */
  private String serviceWithAValidatedFix(String service) throws Throwable {
    BottleneckDetected fixed = Events.slowStartup("demo", service, 2300);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(fixed));
    VertxContextSupport.subscribeAndAwait(() -> updates.recordPlan(Events.planFor(fixed)));
    BottleneckDetected hostile = Events.elsewhere(fixed, HOSTILE, Severity.MEDIUM);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(hostile));
    String id = detailId(service, fixed.fingerprint());

    report(Telemetry.start("demo", service, "1.4.2", StartType.COLD, 2300, 4000L, 300.0));
    report(
        Telemetry.resources("demo", service, "1.4.2", Telemetry.sample(0, 30, 200, 100, 400, 4)));
    for (int minute = 0; minute < 3; minute++) {
      report(
          Telemetry.window(
              "demo",
              service,
              "1.4.2",
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 100, 200)));
    }
    VertxContextSupport.subscribeAndAwait(
        () ->
            validations.recordDeployment(
                Telemetry.deployment("demo", service, "1.5.0", "1.4.2", id)));
    report(Telemetry.start("demo", service, "1.5.0", StartType.COLD, 900, 2600L, 280.0));
    report(Telemetry.resources("demo", service, "1.5.0", Telemetry.sample(0, 28, 190, 95, 380, 4)));
    for (int minute = 0; minute < 3; minute++) {
      report(
          Telemetry.window(
              "demo",
              service,
              "1.5.0",
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 110, 200)));
    }
    VertxContextSupport.subscribeAndAwait(
        () ->
            validations.validateReady(
                new MeasuredBaseline.Key("demo", service, Telemetry.ENV, "1.5.0")));
    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("COMPLETED");
    return id;
  }

  private static String detailId(String service, String fingerprint) {
    JsonPath page = matrixOf(DEMO_TOKEN, service);
    return page.getString("items.find { it.fingerprint == '" + fingerprint + "' }.humanId");
  }

  private static ExtractableResponse<Response> get(
      String token, String path, String accept, Map<String, String> query) {
    return given()
        .auth()
        .oauth2(token)
        .accept(accept)
        .queryParams(query)
        .get(path)
        .then()
        .extract();
  }

  @Test
  void reportsTheSummaryInventoryRollbacksAndMonitoringAsJson() throws Throwable {
    String service = uniqueService();
    String id = serviceWithAValidatedFix(service);

    ExtractableResponse<Response> answer =
        get(DEMO_TOKEN, "/api/v1/services/" + service + "/report", "application/json", Map.of());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonPath r = answer.jsonPath();
    assertThat(r.getString("service")).isEqualTo(service);
    assertThat(r.getString("executiveSummary[0].baselineVersion")).isEqualTo("1.4.2");
    assertThat(r.getString("executiveSummary[0].currentVersion")).isEqualTo("1.5.0");
    assertThat(r.getString("executiveSummary[0].startup.metric")).isEqualTo("startup (cold start)");
    assertThat(r.getDouble("executiveSummary[0].startup.baseline")).isEqualTo(4000.0);
    assertThat(r.getDouble("executiveSummary[0].startup.current")).isEqualTo(2600.0);
    assertThat(r.getDouble("executiveSummary[0].startup.ratio")).isEqualTo(0.65);
    assertThat(r.getDouble("executiveSummary[0].memory.ratio")).isEqualTo(0.95);
    assertThat(r.getString("executiveSummary[0].endpointsP95[0].metric"))
        .isEqualTo("GET /orders/{id}");
    assertThat(r.getDouble("executiveSummary[0].endpointsP95[0].ratio")).isEqualTo(1.1);
    assertThat(r.getBoolean("executiveSummary[0].endpointsP95[0].withinLimit")).isTrue();
    assertThat(r.getLong("executiveSummary[0].bottlenecks")).isEqualTo(2);
    assertThat(r.getLong("executiveSummary[0].completed")).isEqualTo(1);

    assertThat(r.getString("optimizations[0].humanId")).isEqualTo(id);
    assertThat(r.getString("optimizations[0].approach"))
        .isEqualTo("Lazy loading behind a feature flag");
    assertThat(r.getDouble("optimizations[0].measuredImprovement.before")).isEqualTo(2300.0);
    assertThat(r.getDouble("optimizations[0].measuredImprovement.after")).isEqualTo(900.0);
    assertThat(r.getDouble("optimizations[0].measuredImprovement.percent")).isEqualTo(60.87);
    assertThat(r.getString("optimizations[0].validations[0].status")).isEqualTo("PASSED");
    assertThat(r.getBoolean("optimizations[0].rollback.available")).isTrue();
    assertThat(r.getBoolean("optimizations[0].rollback.automated")).isTrue();
    assertThat(r.getString("optimizations[1].location")).isEqualTo(HOSTILE);
    assertThat(r.getBoolean("optimizations[1].rollback.available")).isFalse();

    assertThat(r.getList("rollbackProcedures.humanId")).containsExactly(id);
    assertThat(r.getString("rollbackProcedures[0].method")).isEqualTo("FEATURE_FLAG");
    assertThat(r.getString("rollbackProcedures[0].rollbackTo"))
        .isEqualTo("deploy/" + service + "@1.4.2");
    assertThat(r.getList("rollbackProcedures[0].steps", String.class))
        .containsExactly("Turn the lazy-loading flag off");

    List<Map<String, Object>> monitoring = r.getList("monitoring");
    assertThat(monitoring)
        .extracting(g -> g.get("metric"), g -> ((Number) g.get("alertAbove")).doubleValue())
        .contains(
            org.assertj.core.groups.Tuple.tuple("startup (cold start)", 3120.0),
            org.assertj.core.groups.Tuple.tuple("memory (RSS)", 570.0),
            org.assertj.core.groups.Tuple.tuple("p95 of GET /orders/{id}", 165.0),
            org.assertj.core.groups.Tuple.tuple("startup phase hibernate-bootstrap", 2300.0));
  }

  @Test
  void rendersMarkdownByAcceptHeaderAndByFormatParameter() throws Throwable {
    String service = uniqueService();
    String id = serviceWithAValidatedFix(service);
    String path = "/api/v1/services/" + service + "/report";

    ExtractableResponse<Response> byAccept = get(DEMO_TOKEN, path, "text/markdown", Map.of());
    ExtractableResponse<Response> byParam =
        get(DEMO_TOKEN, path, "application/json", Map.of("format", "md"));

    assertThat(byAccept.statusCode()).isEqualTo(200);
    assertThat(byAccept.contentType()).startsWith("text/markdown");
    assertThat(byParam.contentType()).startsWith("text/markdown");
    String md = byAccept.asString();
    assertThat(md)
        .startsWith("# Optimization report: " + service + "\n")
        .contains(
            "## Executive summary",
            "| " + service + " | 1.4.2 (earliest measured version) | 1.5.0 |",
            "2600 ms vs 4000 ms (0.65 x, limit 1.2 x)",
            "## Optimizations",
            "| " + id + " | " + service + " | HIGH SLOW_STARTUP |",
            "startup phase hibernate-bootstrap 2300 → 900 ms (-60.87 %)",
            "1.5.0 vs 1.4.2: PASSED",
            "FEATURE_FLAG, automated, PT1M",
            "## Rollback procedures",
            "within PT1M, back to deploy/"
                + service
                + "@1.4.2. Steps: Turn the lazy-loading flag off",
            "## Monitoring guidance",
            "| " + service + " | p95 of GET /orders/{id} | 110 ms | 165 ms |",
            "&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain(HOSTILE);
    assertThat(byParam.asString()).startsWith("# Optimization report: " + service);
  }

  @Test
  void rendersHtmlWithEveryOutsideValueEscaped() throws Throwable {
    String service = uniqueService();
    String id = serviceWithAValidatedFix(service);

    ExtractableResponse<Response> answer =
        get(DEMO_TOKEN, "/api/v1/services/" + service + "/report", "text/html", Map.of());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/html");
    String html = answer.asString();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<h1>Optimization report: " + service + "</h1>",
            "<h2>Executive summary</h2>",
            "<td>" + id + "</td>",
            "<td>&lt;img src=x onerror=alert(1)&gt;</td>",
            "<h2>Monitoring guidance</h2>")
        .doesNotContain(HOSTILE);
    String hostileService = "<script>alert(2)</script>" + service;
    VertxContextSupport.subscribeAndAwait(
        () -> updates.recordDetection(Events.slowStartup("demo", hostileService, 2300)));
    assertThat(get(DEMO_TOKEN, "/api/v1/report", "*/*", Map.of("format", "html")).asString())
        .contains(
            "<td>&lt;img src=x onerror=alert(1)&gt;</td>",
            "<td>&lt;script&gt;alert(2)&lt;/script&gt;" + service + "</td>")
        .doesNotContain(HOSTILE, "<script>");
  }

  @Test
  void theFleetReportCoversTheTenantsServicesOnly() throws Throwable {
    String service = uniqueService();
    serviceWithAValidatedFix(service);

    JsonPath fleet = get(DEMO_TOKEN, "/api/v1/report", "application/json", Map.of()).jsonPath();
    ExtractableResponse<Response> others =
        get(OTHER_TOKEN, "/api/v1/report", "application/json", Map.of());

    assertThat(fleet.getString("service")).isNull();
    assertThat(fleet.getList("executiveSummary.service")).contains(service);
    assertThat(others.statusCode()).isEqualTo(200);
    assertThat(others.asString()).doesNotContain(service);
    assertThat(
            get(
                    OTHER_TOKEN,
                    "/api/v1/services/" + service + "/report",
                    "application/json",
                    Map.of())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            get(DEMO_TOKEN, "/api/v1/report", "application/json", Map.of("format", "pdf"))
                .statusCode())
        .isEqualTo(400);
  }
}
