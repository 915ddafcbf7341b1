package io.hotpath.tracker.alert;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.hotpath.tracker.alert.AlertPayloads.alert;
import static io.hotpath.tracker.alert.AlertPayloads.labels;
import static io.hotpath.tracker.alert.AlertPayloads.notification;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's webhook on the real broker and PostgreSQL: incidents recorded once per (tenant,
 * group, fingerprint), closed when resolved, correlated with the deployed fix, and exactly one
 * {@code RollbackRequested} per incident and fix on {@code hotpath.rollbacks.v1}.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class AlertWebhookApiTest {
  static final String WEBHOOK = "/api/v1/alerts/alertmanager";
  static final String AFTER = "1.5.0";
  static final String BEFORE = "1.4.2";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject OutboxRepository outbox;

  /** A tracked fix of a new service, planned, and shipped in 1.5.0. */
  record Shipped(
      String service, String humanId, String fingerprint, DeploymentRecorded deployment) {}

  private Shipped shipped(String service, boolean automatedRollback) {
    return ship(bootstrap, service, automatedRollback);
  }

  /** Sends the bottleneck, its plan and the deployment that ships it; waits for all three. */
  static Shipped ship(String bootstrap, String service, boolean automatedRollback) {
    return ship(bootstrap, "demo", DEMO_TOKEN, service, automatedRollback);
  }

  /** As {@link #ship(String, String, boolean)}, for a service of {@code tenant}. */
  static Shipped ship(
      String bootstrap, String tenant, String token, String service, boolean automatedRollback) {
    BottleneckDetected bottleneck = Events.slowStartup(tenant, service, 2300);
    TrackerTestSupport.produce(bootstrap, Topics.BOTTLENECKS, bottleneck);
    TrackerTestSupport.produce(
        bootstrap,
        Topics.PLANS,
        Telemetry.withAutomatedRollback(Events.planFor(bottleneck), automatedRollback));
    String humanId =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> matrixOf(token, service),
                page -> page.getList("items").size() == 1 && page.get("items[0].plan") != null)
            .getString("items[0].humanId");
    DeploymentRecorded deployment = Telemetry.deployment(tenant, service, AFTER, BEFORE, humanId);
    TrackerTestSupport.produce(bootstrap, Topics.DEPLOYMENTS, deployment);
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> detail(token, humanId), d -> d.getList("validations").size() == 1);
    return new Shipped(service, humanId, bottleneck.fingerprint(), deployment);
  }

  static ValidatableResponse post(String token, Object body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(WEBHOOK)
        .then();
  }

  static JsonPath incidents(String token, String service, String status) {
    var request = given().auth().oauth2(token).queryParam("service", service);
    if (status != null) {
      request = request.queryParam("status", status);
    }
    return request.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
  }

  static String groupKey(String service) {
    return "{}:{alertname=\"ServiceHighLatencyP95\", service=\"" + service + "\"}";
  }

  static String fingerprint() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static Map<String, String> latencyLabels(String service, String severity) {
    return labels(
        "alertname",
        "ServiceHighLatencyP95",
        "service",
        service,
        "namespace",
        "shop",
        "deployment",
        service + "-api",
        "version",
        AFTER,
        "severity",
        severity,
        "pod",
        service + "-7d9f-abcde");
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<RollbackRequested> commandsOf(String tenant, String service) {
    return commandsOf(bootstrap, tenant, service);
  }

  static List<RollbackRequested> commandsOf(String bootstrap, String tenant, String service) {
    return TopicClient.shared(bootstrap)
        .readToEnd(Topics.ROLLBACKS, PartitionKeys.of(tenant, service))
        .stream()
        .map(r -> EventJson.read(r.value(), RollbackRequested.class))
        .toList();
  }

  private long outboxCommands(String service) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () -> outbox.count("topic = ?1 and service = ?2", Topics.ROLLBACKS, service)));
  }

  @Test
  void aFiringAlertRequestsOneRollbackOfTheFixItsServiceShipped() throws Exception {
    Shipped fix = shipped(uniqueService(), true);
    String fp = fingerprint();
    String groupKey = groupKey(fix.service());
    Map<String, Object> payload =
        notification(
            groupKey,
            "firing",
            List.of(
                alert(
                    "firing",
                    fp,
                    latencyLabels(fix.service(), "critical"),
                    fix.service() + " p95 latency is 3s")));

    JsonPath answer = post(DEMO_TOKEN, payload).statusCode(200).extract().jsonPath();

    String commandId =
        "alert-" + sha256("demo|" + groupKey + "|" + fp + "|" + fix.fingerprint()).substring(0, 40);
    assertThat(answer.getInt("alerts")).isEqualTo(1);
    assertThat(answer.getString("incidents[0].change")).isEqualTo("CREATED");
    assertThat(answer.getString("incidents[0].status")).isEqualTo("FIRING");
    assertThat(answer.getBoolean("incidents[0].correlated")).isTrue();
    assertThat(answer.getString("incidents[0].commands[0].commandId")).isEqualTo(commandId);
    assertThat(answer.getString("incidents[0].commands[0].humanId")).isEqualTo(fix.humanId());
    assertThat(answer.getBoolean("incidents[0].commands[0].published")).isTrue();

    List<RollbackRequested> commands = commandsOf("demo", fix.service());
    assertThat(commands).hasSize(1);
    RollbackRequested command = commands.get(0);
    assertThat(command.commandId()).isEqualTo(commandId);
    assertThat(command.incidentKey()).isEqualTo(groupKey + "|" + fp);
    assertThat(command.tenant()).isEqualTo("demo");
    assertThat(command.service()).isEqualTo(fix.service());
    assertThat(command.environment()).isEqualTo("prod");
    assertThat(command.version()).isEqualTo(AFTER);
    assertThat(command.bottleneckFingerprint()).isEqualTo(fix.fingerprint());
    assertThat(command.method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
    assertThat(command.target()).isEqualTo("shop/" + fix.service() + "-api");
    assertThat(command.rollbackTo()).isEqualTo("deploy/" + fix.service() + "@" + BEFORE);
    assertThat(command.reason())
        .isEqualTo(
            "alert ServiceHighLatencyP95 firing since 2026-11-26T13:05:00Z (service="
                + fix.service()
                + ", namespace=shop, deployment="
                + fix.service()
                + "-api, version=1.5.0, severity=critical): "
                + fix.service()
                + " p95 latency is 3s; rule latency; rolls back "
                + fix.humanId()
                + " shipped in 1.5.0");

    JsonPath listed = incidents(DEMO_TOKEN, fix.service(), null);
    assertThat(listed.getList("$")).hasSize(1);
    assertThat(listed.getString("[0].incidentKey")).isEqualTo(groupKey + "|" + fp);
    assertThat(listed.getString("[0].labels.pod")).isEqualTo(fix.service() + "-7d9f-abcde");
    assertThat(listed.getString("[0].annotations.summary"))
        .isEqualTo(fix.service() + " p95 latency is 3s");
    assertThat(listed.getString("[0].rollbackRule")).isEqualTo("latency");
    assertThat(listed.getString("[0].deployedVersion")).isEqualTo(AFTER);
    assertThat(listed.getString("[0].deploymentEventId"))
        .isEqualTo(fix.deployment().eventId().toString());
    assertThat(listed.getString("[0].correlationNote"))
        .isEqualTo(
            "latest deployment of "
                + fix.service()
                + " version 1.5.0 that shipped fixes: version 1.5.0 in prod (after 1.4.2),"
                + " deployed 2026-11-26T13:00:00Z, shipping "
                + fix.humanId());
    assertThat(listed.getString("[0].fixes[0].commandId")).isEqualTo(commandId);
    assertThat(listed.getString("[0].fixes[0].method")).isEqualTo("FEATURE_FLAG");
    assertThat(listed.getString("[0].fixes[0].note")).isEqualTo(command.reason());

    JsonPath ofBottleneck =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .get("/api/v1/bottlenecks/" + fix.humanId() + "/incidents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ofBottleneck.getList("id", Long.class)).containsExactly(listed.getLong("[0].id"));
    assertThat(ofBottleneck.getString("[0].fixes[0].humanId")).isEqualTo(fix.humanId());
  }

  @Test
  void theSameNotificationAgainRequestsNoSecondCommand() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);
    Map<String, Object> payload =
        notification(
            groupKey(fix.service()),
            "firing",
            List.of(alert("firing", fingerprint(), latencyLabels(fix.service(), "page"), null)));

    post(DEMO_TOKEN, payload).statusCode(200);
    JsonPath again = post(DEMO_TOKEN, payload).statusCode(200).extract().jsonPath();

    assertThat(again.getString("incidents[0].change")).isEqualTo("UNCHANGED");
    assertThat(again.getList("incidents[0].commands")).isEmpty();
    assertThat(commandsOf("demo", fix.service())).hasSize(1);
    assertThat(outboxCommands(fix.service())).isEqualTo(1);
    JsonPath listed = incidents(DEMO_TOKEN, fix.service(), null);
    assertThat(listed.getList("$")).hasSize(1);
    assertThat(listed.getString("[0].createdAt")).isEqualTo(listed.getString("[0].updatedAt"));
  }

  @Test
  void concurrentCopiesOfOneNotificationRecordOneIncidentAndOneCommand() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);
    Map<String, Object> payload =
        notification(
            groupKey(fix.service()),
            "firing",
            List.of(
                alert("firing", fingerprint(), latencyLabels(fix.service(), "critical"), null)));

    List<java.util.concurrent.CompletableFuture<Integer>> calls =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i ->
                    java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> post(DEMO_TOKEN, payload).extract().statusCode()))
            .toList();
    List<Integer> statuses =
        calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();

    assertThat(statuses).containsOnly(200);
    assertThat(incidents(DEMO_TOKEN, fix.service(), null).getList("$")).hasSize(1);
    assertThat(outboxCommands(fix.service())).isEqualTo(1);
    assertThat(commandsOf("demo", fix.service())).hasSize(1);
  }

  @Test
  void aSecondAlertOnTheSameDeploymentDoesNotRollTheFixBackTwice() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);
    post(
            DEMO_TOKEN,
            notification(
                groupKey(fix.service()),
                "firing",
                List.of(
                    alert("firing", fingerprint(), latencyLabels(fix.service(), "page"), null))))
        .statusCode(200);
    Map<String, String> errors = latencyLabels(fix.service(), "critical");
    errors.put("alertname", "ServiceHighErrorRate");

    JsonPath second =
        post(
                DEMO_TOKEN,
                notification(
                    "{}:{alertname=\"ServiceHighErrorRate\"}",
                    "firing",
                    List.of(alert("firing", fingerprint(), errors, null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(second.getList("incidents[0].commands")).isEmpty();
    assertThat(second.getString("incidents[0].rollbackNote"))
        .startsWith(
            "rule errors allows rollback; "
                + fix.humanId()
                + ": rollback already requested by incident ");
    assertThat(commandsOf("demo", fix.service())).hasSize(1);
    assertThat(outboxCommands(fix.service())).isEqualTo(1);
  }

  @Test
  void aResolvedAlertClosesItsIncident() {
    Shipped fix = shipped(uniqueService(), true);
    String fp = fingerprint();
    Map<String, String> labels = latencyLabels(fix.service(), "critical");
    post(
            DEMO_TOKEN,
            notification(
                groupKey(fix.service()), "firing", List.of(alert("firing", fp, labels, null))))
        .statusCode(200);
    assertThat(incidents(DEMO_TOKEN, fix.service(), "FIRING").getList("$")).hasSize(1);

    JsonPath answer =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "resolved",
                    List.of(alert("resolved", fp, labels, null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("incidents[0].change")).isEqualTo("RESOLVED");
    assertThat(incidents(DEMO_TOKEN, fix.service(), "FIRING").getList("$")).isEmpty();
    JsonPath resolved = incidents(DEMO_TOKEN, fix.service(), "RESOLVED");
    assertThat(resolved.getList("$")).hasSize(1);
    assertThat(resolved.getString("[0].status")).isEqualTo("RESOLVED");
    assertThat(resolved.getString("[0].resolvedAt")).isEqualTo(AlertPayloads.ENDS_AT);
    assertThat(resolved.getString("[0].endsAt")).isEqualTo(AlertPayloads.ENDS_AT);
    assertThat(commandsOf("demo", fix.service())).hasSize(1);
  }

  @Test
  void anAlertThatMatchesNothingIsRecordedWithWhy() throws Throwable {
    String service = uniqueService();
    JsonPath answer =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(service),
                    "firing",
                    List.of(
                        alert("firing", fingerprint(), latencyLabels(service, "critical"), null),
                        alert(
                            "firing",
                            fingerprint(),
                            labels("alertname", "NodeDown", "instance", "10.1.2.3:9100"),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getList("incidents.correlated")).containsExactly(false, false);
    assertThat(answer.getString("incidents[0].correlationNote"))
        .isEqualTo("no deployment of service " + service + " version 1.5.0 shipped a tracked fix");
    assertThat(answer.getString("incidents[1].correlationNote"))
        .isEqualTo(
            "no service label (service, app_kubernetes_io_name, app) and no hotpath_optimization"
                + " label");
    assertThat(answer.getString("incidents[0].rollbackNote"))
        .isEqualTo("nothing to roll back: no fix correlated");
    JsonPath listed = incidents(DEMO_TOKEN, service, null);
    assertThat(listed.getList("$")).hasSize(1);
    assertThat(listed.getList("[0].fixes")).isEmpty();
    assertThat(outboxCommands(service)).isZero();
  }

  @Test
  void anAlertNoRuleAllowsIsRecordedWithoutACommand() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);

    JsonPath answer =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fingerprint(),
                            latencyLabels(fix.service(), "warning"),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getBoolean("incidents[0].correlated")).isTrue();
    assertThat(answer.getList("incidents[0].commands")).isEmpty();
    String why = "no rollback rule allows this alert (rules: errors, latency)";
    assertThat(answer.getString("incidents[0].rollbackNote")).isEqualTo(why);
    JsonPath listed = incidents(DEMO_TOKEN, fix.service(), null);
    assertThat(listed.getString("[0].rollbackRule")).isNull();
    assertThat(listed.getString("[0].fixes[0].humanId")).isEqualTo(fix.humanId());
    assertThat(listed.getString("[0].fixes[0].commandId")).isNull();
    assertThat(listed.getString("[0].fixes[0].note")).isEqualTo(why);
    assertThat(outboxCommands(fix.service())).isZero();
  }

  @Test
  void aManualRollbackPlanGetsNoCommand() throws Throwable {
    Shipped fix = shipped(uniqueService(), false);

    JsonPath answer =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fingerprint(),
                            latencyLabels(fix.service(), "critical"),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getList("incidents[0].commands")).isEmpty();
    assertThat(answer.getString("incidents[0].rollbackNote"))
        .isEqualTo(
            "rule latency allows rollback; "
                + fix.humanId()
                + ": the plan's rollback (FEATURE_FLAG) is manual: Turn the lazy-loading flag off");
    assertThat(outboxCommands(fix.service())).isZero();
  }

  @Test
  void anExplicitOptimizationLabelNamesTheFix() throws Exception {
    Shipped fix = shipped(uniqueService(), true);
    String fp = fingerprint();

    JsonPath answer =
        post(
                DEMO_TOKEN,
                notification(
                    "{}:{alertname=\"CheckoutSlow\"}",
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fp,
                            labels(
                                "alertname", "ServiceHighLatencyP95",
                                "severity", "critical",
                                "hotpath_optimization", fix.humanId().toLowerCase()),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("incidents[0].commands[0].humanId")).isEqualTo(fix.humanId());
    RollbackRequested command = commandsOf("demo", fix.service()).get(0);
    assertThat(command.target()).isEqualTo(fix.service());
    assertThat(command.incidentKey()).isEqualTo("{}:{alertname=\"CheckoutSlow\"}|" + fp);
    assertThat(command.reason())
        .isEqualTo(
            "alert ServiceHighLatencyP95 firing since 2026-11-26T13:05:00Z (severity=critical,"
                + " hotpath_optimization="
                + fix.humanId().toLowerCase()
                + "); rule latency; rolls back "
                + fix.humanId()
                + " shipped in 1.5.0");
  }

  @Test
  void anotherTenantCanNeitherSeeNorRollBackTheFix() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);
    JsonPath own =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fingerprint(),
                            latencyLabels(fix.service(), "warning"),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();
    long demoIncident = own.getLong("incidents[0].id");

    JsonPath theirs =
        post(
                OTHER_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fingerprint(),
                            latencyLabels(fix.service(), "critical"),
                            null),
                        alert(
                            "firing",
                            fingerprint(),
                            labels(
                                "alertname", "ServiceHighLatencyP95",
                                "severity", "critical",
                                "hotpath_optimization", fix.fingerprint()),
                            null))))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(theirs.getList("incidents.correlated")).containsExactly(false, false);
    assertThat(theirs.getString("incidents[1].correlationNote"))
        .isEqualTo("hotpath_optimization=" + fix.fingerprint() + " names no tracked bottleneck");
    assertThat(outboxCommands(fix.service())).isZero();
    assertThat(incidents(OTHER_TOKEN, fix.service(), null).getList("id"))
        .doesNotContain((int) demoIncident)
        .hasSize(1);
    assertThat(incidents(DEMO_TOKEN, fix.service(), null).getList("id"))
        .containsExactly((int) demoIncident);
    given()
        .auth()
        .oauth2(OTHER_TOKEN)
        .get("/api/v1/alerts/" + demoIncident)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(OTHER_TOKEN)
        .get("/api/v1/bottlenecks/" + fix.humanId() + "/incidents")
        .then()
        .statusCode(404);
  }

  @Test
  void badPayloadsGetA400SayingWhere() {
    JsonPath malformed =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .contentType(ContentType.JSON)
            .body("{\"version\": \"4\", \"alerts\": [")
            .post(WEBHOOK)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .jsonPath();
    assertThat(malformed.getString("detail")).startsWith("not valid JSON at line 1, column ");
    assertThat(malformed.getList("errors.pointer")).containsExactly("");

    JsonPath missing =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .contentType(ContentType.JSON)
            .body(
                "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                    + "\"labels\":{\"alertname\":\"A\"}}]}")
            .post(WEBHOOK)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .jsonPath();
    assertThat(missing.getList("errors.pointer"))
        .containsExactly("/groupKey", "/alerts/0/startsAt");
    assertThat(missing.getString("detail"))
        .isEqualTo("required (at /groupKey); required: an RFC 3339 time (at /alerts/0/startsAt)");

    given()
        .contentType(ContentType.JSON)
        .body(notification("{}", "firing", List.of()))
        .post(WEBHOOK)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .queryParam("status", "burning")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void aBadAlertAmongGoodOnesRecordsNothing() throws Throwable {
    Shipped fix = shipped(uniqueService(), true);
    Map<String, Object> bad = alert("firing", fingerprint(), latencyLabels("x", "critical"), null);
    bad.put("startsAt", "not a time");

    JsonPath problem =
        post(
                DEMO_TOKEN,
                notification(
                    groupKey(fix.service()),
                    "firing",
                    List.of(
                        alert(
                            "firing",
                            fingerprint(),
                            latencyLabels(fix.service(), "critical"),
                            null),
                        bad)))
            .statusCode(400)
            .extract()
            .jsonPath();

    assertThat(problem.getList("errors.pointer")).containsExactly("/alerts/1/startsAt");
    assertThat(incidents(DEMO_TOKEN, fix.service(), null).getList("$")).isEmpty();
    assertThat(outboxCommands(fix.service())).isZero();
  }

  @Test
  void unknownFieldsAndLabelsAreAccepted() {
    String service = uniqueService();
    Map<String, Object> payload =
        notification(
            groupKey(service),
            "firing",
            List.of(
                alert(
                    "firing",
                    fingerprint(),
                    labels("alertname", "Odd", "service", service, "shard", "7", "__meta", "x"),
                    null)));
    payload.put("orgId", 3);
    payload.put("future", Map.of("nested", List.of(1, 2)));

    post(DEMO_TOKEN, payload).statusCode(200);

    JsonPath listed = incidents(DEMO_TOKEN, service, null);
    assertThat(listed.getString("[0].labels.shard")).isEqualTo("7");
    assertThat(listed.getString("[0].alertname")).isEqualTo("Odd");
  }
}
