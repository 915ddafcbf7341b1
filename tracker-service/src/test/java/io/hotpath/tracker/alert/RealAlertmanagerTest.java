package io.hotpath.tracker.alert;

import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.rollback.RecordingHttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The whole alert path with a real Prometheus and a real Alertmanager: Prometheus scrapes a service
 * whose p95 latency regressed after it shipped a fix, the {@code deploy/} rule fires, Alertmanager
 * routes it with the {@code deploy/} route to the tracker's webhook with the bearer token, and the
 * tracker records the incident and requests exactly one rollback of the fix; its executor turns the
 * fix's feature flag off exactly once, and the bottleneck ends ROLLED_BACK with the alert, the
 * command and the outcome in its history. Then the latency recovers and the resolved notification
 * closes the incident without a second rollback.
 *
 * <p>The fix belongs to tenant {@code rollbacks}, whose rollbacks really execute against the test's
 * flag service ({@code RollbackTargetResource}); tenant {@code demo}'s are dry runs.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class RealAlertmanagerTest {
  private static final Duration ALERT_PATH = Duration.ofMinutes(3);
  private static final String TENANT = "rollbacks";
  private static final String TOKEN = "hotpath-rollbacks-token";
  private static final String MISSING =
      "needs Debian's prometheus and prometheus-alertmanager packages (/usr/bin/prometheus,"
          + " /usr/bin/prometheus-alertmanager, promtool, amtool): apt-get install prometheus"
          + " prometheus-alertmanager";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @TestHTTPResource("/api/v1/alerts/alertmanager")
  URL webhook;

  @ConfigProperty(name = "hotpath.test.rollback-target")
  String flagService;

  @Test
  void theDeployRulesAndRouteLoad() throws Exception {
    assumeTrue(PrometheusProcesses.installed(), MISSING);

    PrometheusProcesses.Result rules =
        PrometheusProcesses.run(
            List.of(
                PrometheusProcesses.PROMTOOL.toString(),
                "check",
                "rules",
                PrometheusProcesses.repoFile("deploy/prometheus/hotpath-rules.yml").toString()));
    PrometheusProcesses.Result route =
        PrometheusProcesses.run(
            List.of(
                PrometheusProcesses.AMTOOL.toString(),
                "check-config",
                PrometheusProcesses.repoFile("deploy/alertmanager/alertmanager.yml").toString()));

    assertThat(rules.exitCode()).as(rules.output()).isZero();
    assertThat(rules.output()).contains("SUCCESS: 3 rules found");
    assertThat(route.exitCode()).as(route.output()).isZero();
  }

  /** The deploy rules, firing at once (the test cannot wait their `for:` minutes). */
  static String rulesForTheTest() throws Exception {
    String rules =
        Files.readString(PrometheusProcesses.repoFile("deploy/prometheus/hotpath-rules.yml"));
    String derived = rules.replaceAll("(?m)^(\\s+)for: \\S+", "$1for: 0s");
    assertThat(derived).contains("alert: ServiceHighLatencyP95").doesNotContain("for: 5m");
    return derived;
  }

  /** The deploy route, sent to this tracker with this token file, grouped and sent at once. */
  static String routeForTheTest(String url, Path tokenFile) throws Exception {
    String route =
        Files.readString(PrometheusProcesses.repoFile("deploy/alertmanager/alertmanager.yml"));
    String derived =
        route
            .replaceAll("(?m)^(\\s+- url: ).*$", "$1" + url)
            .replaceAll("(?m)^(\\s+credentials_file: ).*$", "$1" + tokenFile)
            .replaceAll("(?m)^(\\s+group_wait: ).*$", "$11s")
            .replaceAll("(?m)^(\\s+group_interval: ).*$", "$11s");
    assertThat(derived)
        .contains("url: " + url, "credentials_file: " + tokenFile, "group_wait: 1s")
        .contains("type: Bearer", "send_resolved: true");
    return derived;
  }

  /**
   * Micrometer's HTTP server histogram of one route: every request slow (2.5-5 s) while {@code
   * slow}, then every request fast; counts grow with each scrape, as a live service's do.
   */
  static String histogram(long slowCount, long fastCount) {
    long total = slowCount + fastCount;
    String route = "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/checkout\"";
    StringBuilder out = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");
    String[][] buckets = {
      {"0.5", Long.toString(fastCount)},
      {"1.0", Long.toString(fastCount)},
      {"2.5", Long.toString(fastCount)},
      {"5.0", Long.toString(total)},
      {"+Inf", Long.toString(total)}
    };
    for (String[] bucket : buckets) {
      out.append("http_server_requests_seconds_bucket{")
          .append(route)
          .append(",le=\"")
          .append(bucket[0])
          .append("\"} ")
          .append(bucket[1])
          .append('\n');
    }
    out.append("http_server_requests_seconds_count{").append(route).append("} ").append(total);
    out.append('\n');
    out.append("http_server_requests_seconds_sum{")
        .append(route)
        .append("} ")
        .append(String.format(Locale.ROOT, "%.1f", slowCount * 3.0 + fastCount * 0.1))
        .append('\n');
    return out.toString();
  }

  @Test
  void aLatencyAlertFromPrometheusRollsBackTheShippedFixOnce() throws Exception {
    assumeTrue(PrometheusProcesses.installed(), MISSING);
    String service = TrackerTestSupport.uniqueService();
    AlertWebhookApiTest.Shipped fix =
        AlertWebhookApiTest.ship(bootstrap, TENANT, TOKEN, service, true);

    try (PrometheusProcesses stack = new PrometheusProcesses()) {
      AtomicBoolean slow = new AtomicBoolean(true);
      AtomicLong slowCount = new AtomicLong();
      AtomicLong fastCount = new AtomicLong();
      int metricsPort =
          stack.serveMetrics(
              () -> {
                if (slow.get()) {
                  slowCount.addAndGet(100);
                } else {
                  fastCount.addAndGet(100_000);
                }
                return histogram(slowCount.get(), fastCount.get());
              });
      Path token = stack.write("tracker-token", TOKEN);
      Path route = stack.write("alertmanager.yml", routeForTheTest(webhook.toString(), token));
      Path rules = stack.write("hotpath-rules.yml", rulesForTheTest());
      int alertmanagerPort = PrometheusProcesses.freePort();
      stack.startAlertmanager(route, alertmanagerPort);
      int prometheusPort = PrometheusProcesses.freePort();
      Path prometheus =
          stack.write(
              "prometheus.yml",
              """
              global:
                scrape_interval: 1s
                evaluation_interval: 1s
              rule_files:
                - %s
              alerting:
                alertmanagers:
                  - static_configs:
                      - targets: ['127.0.0.1:%d']
              scrape_configs:
                - job_name: kubernetes-pods
                  static_configs:
                    - targets: ['127.0.0.1:%d']
                      labels:
                        service: %s
                        namespace: shop
                        deployment: %s-api
                        version: '1.5.0'
              """
                  .formatted(rules, alertmanagerPort, metricsPort, service, service));
      stack.startPrometheus(prometheus, prometheusPort);

      JsonPath incident = awaitIncident(stack, service, "FIRING");
      assertThat(incident.getString("[0].alertname")).isEqualTo("ServiceHighLatencyP95");
      // The rule's `by (...)` labels and its own severity; the aggregation drops job and instance.
      assertThat(incident.getMap("[0].labels", String.class, String.class))
          .isEqualTo(
              java.util.Map.of(
                  "alertname", "ServiceHighLatencyP95",
                  "service", service,
                  "namespace", "shop",
                  "deployment", service + "-api",
                  "version", "1.5.0",
                  "severity", "critical"));
      assertThat(incident.getString("[0].annotations.summary"))
          .startsWith(service + " p95 latency is ");
      assertThat(incident.getString("[0].receiver")).isEqualTo("hotpath-tracker");
      assertThat(incident.getString("[0].generatorURL"))
          .contains(":" + prometheusPort + "/graph?g0.expr=histogram_quantile%280.95");
      assertThat(incident.getString("[0].rollbackRule")).isEqualTo("latency");
      String incidentKey = incident.getString("[0].incidentKey");
      assertThat(incidentKey)
          .isEqualTo(
              incident.getString("[0].groupKey") + "|" + incident.getString("[0].fingerprint"));
      assertThat(incident.getList("[0].fixes.humanId")).containsExactly(fix.humanId());
      String commandId = incident.getString("[0].fixes[0].commandId");
      assertThat(commandId).startsWith("alert-");

      List<RollbackRequested> commands = AlertWebhookApiTest.commandsOf(bootstrap, TENANT, service);
      assertThat(commands).hasSize(1);
      RollbackRequested command = commands.get(0);
      assertThat(command.commandId()).isEqualTo(commandId);
      assertThat(command.incidentKey()).isEqualTo(incidentKey);
      assertThat(command.bottleneckFingerprint()).isEqualTo(fix.fingerprint());
      assertThat(command.method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
      assertThat(command.target()).isEqualTo("shop/" + service + "-api");
      assertThat(command.rollbackTo()).isEqualTo("deploy/" + service + "@1.4.2");
      assertThat(command.version()).isEqualTo("1.5.0");
      assertThat(command.reason())
          .startsWith("alert ServiceHighLatencyP95 firing since ")
          .contains(
              "(service="
                  + service
                  + ", namespace=shop, deployment="
                  + service
                  + "-api, version=1.5.0, severity=critical): "
                  + service
                  + " p95 latency is ")
          .endsWith("; rule latency; rolls back " + fix.humanId() + " shipped in 1.5.0");

      // The executor turned the fix's flag off, once, and the bottleneck says why it is back.
      JsonPath rolledBack =
          Awaitility.await()
              .atMost(ALERT_PATH)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> detail(TOKEN, fix.humanId()),
                  d -> "ROLLED_BACK".equals(d.getString("status")));
      List<String> steps = rolledBack.getList("history.to");
      assertThat(steps.get(steps.size() - 1)).isEqualTo("ROLLED_BACK");
      String last = "history[" + (steps.size() - 1) + "]";
      assertThat(rolledBack.getString(last + ".actor")).isEqualTo("rollback/feature-flag");
      assertThat(rolledBack.getString(last + ".reason"))
          .contains("alert ServiceHighLatencyP95 firing since ", commandId);
      assertThat(flagCalls(service)).hasSize(1);

      slow.set(false);
      JsonPath resolved = awaitIncident(stack, service, "RESOLVED");
      assertThat(resolved.getString("[0].incidentKey")).isEqualTo(incidentKey);
      assertThat(resolved.getString("[0].resolvedAt")).isNotNull();
      assertThat(AlertWebhookApiTest.commandsOf(bootstrap, TENANT, service)).hasSize(1);
      assertThat(flagCalls(service)).hasSize(1);
      assertThat(detail(TOKEN, fix.humanId()).getString("status")).isEqualTo("ROLLED_BACK");
    }
  }

  /** The calls the flag service received for this service's deployment ({@code shop/<s>-api}). */
  private List<Map<String, Object>> flagCalls(String service) {
    List<Map<String, Object>> all =
        given()
            .get(flagService + RecordingHttpServer.RECORDED)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return all.stream()
        .filter(r -> ((String) r.get("uri")).startsWith("/flags/"))
        .filter(r -> ((String) r.get("uri")).contains(service + "-api"))
        .toList();
  }

  /** The service's single incident once it has this status, explaining a failure by the logs. */
  private static JsonPath awaitIncident(PrometheusProcesses stack, String service, String status) {
    try {
      return Awaitility.await()
          .atMost(ALERT_PATH)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> AlertWebhookApiTest.incidents(TOKEN, service, null),
              list -> list.getList("$").size() == 1 && status.equals(list.getString("[0].status")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no " + status + " incident of " + service + " arrived:\n" + stack.logTails(), e);
    }
  }
}
