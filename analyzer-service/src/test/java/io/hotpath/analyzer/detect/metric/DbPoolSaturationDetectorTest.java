package io.hotpath.analyzer.detect.metric;

import static io.hotpath.analyzer.detect.metric.Metrics.DEFAULTS;
import static io.hotpath.analyzer.detect.metric.Metrics.T0;
import static io.hotpath.analyzer.detect.metric.Metrics.gauge;
import static io.hotpath.analyzer.detect.metric.Metrics.metrics;
import static io.hotpath.analyzer.detect.metric.Metrics.resources;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.ResourceSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbPoolSaturationDetectorTest {
  final DbPoolSaturationDetector detector =
      new DbPoolSaturationDetector(100, 100, 360, Metrics.CLOCK);

  private List<Finding> newConventions(Instant at, double used, double max, double pending) {
    Map<String, String> pool = Map.of("db.client.connection.pool.name", "orders-db");
    return detector.observe(
        metrics(
            gauge(
                "db.client.connection.count",
                "{connection}",
                at,
                used,
                Map.of(
                    "db.client.connection.pool.name",
                    "orders-db",
                    "db.client.connection.state",
                    "used")),
            gauge(
                "db.client.connection.count",
                "{connection}",
                at,
                max - used,
                Map.of(
                    "db.client.connection.pool.name",
                    "orders-db",
                    "db.client.connection.state",
                    "idle")),
            gauge("db.client.connection.max", "{connection}", at, max, pool),
            gauge("db.client.connection.pending_requests", "{request}", at, pending, pool)),
        DEFAULTS);
  }

  @Test
  void reportsPoolAboveNinetyPercentForAMinute() {
    newConventions(T0, 19, 20, 0);
    newConventions(T0.plusSeconds(30), 19, 20, 0);

    List<Finding> findings = newConventions(T0.plusSeconds(60), 18, 20, 0);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(BottleneckType.DB_POOL_SATURATION);
              assertThat(f.location()).isEqualTo("db-pool:orders-db");
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.evidence().measurements())
                  .containsEntry(EvidenceKeys.POOL_USAGE, 0.95)
                  .containsEntry(EvidenceKeys.POOL_MAX, 20.0)
                  .containsEntry(EvidenceKeys.PENDING, 0.0)
                  .containsEntry(EvidenceKeys.SAMPLES, 3.0);
              assertThat(f.evidence().windowStart()).isEqualTo(T0);
            });
  }

  @Test
  void aShortBurstIsNotSaturation() {
    newConventions(T0, 5, 20, 0);
    newConventions(T0.plusSeconds(30), 20, 20, 3);

    assertThat(newConventions(T0.plusSeconds(60), 20, 20, 3)).isEmpty();
  }

  @Test
  void aPoolThatRecoveredIsNotReported() {
    newConventions(T0, 20, 20, 3);
    newConventions(T0.plusSeconds(60), 20, 20, 3);

    assertThat(newConventions(T0.plusSeconds(90), 8, 20, 0)).isEmpty();
  }

  @Test
  void fullPoolWithWaitingRequestsIsCritical() {
    newConventions(T0, 20, 20, 4);

    List<Finding> findings = newConventions(T0.plusSeconds(60), 20, 20, 7);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.evidence().measurements()).containsEntry(EvidenceKeys.PENDING, 7.0);
            });
  }

  @Test
  void waitingRequestsAloneAreSaturation() {
    newConventions(T0, 10, 20, 2);

    assertThat(newConventions(T0.plusSeconds(60), 10, 20, 1))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void readsTheOldConventionsAndHikari() {
    for (int i = 0; i <= 2; i++) {
      Instant at = T0.plusSeconds(30L * i);
      detector.observe(
          metrics(
              gauge(
                  "db.client.connections.usage",
                  "",
                  at,
                  10,
                  Map.of("pool.name", "legacy", "state", "used")),
              gauge("db.client.connections.max", "", at, 10, Map.of("pool.name", "legacy")),
              gauge("hikaricp.connections.active", "", at, 3, Map.of("pool", "HikariPool-1")),
              gauge("hikaricp.connections.max", "", at, 10, Map.of("pool", "HikariPool-1"))),
          DEFAULTS);
    }

    List<Finding> findings =
        detector.observe(
            metrics(
                gauge(
                    "db.client.connections.usage",
                    "",
                    T0.plusSeconds(90),
                    10,
                    Map.of("pool.name", "legacy", "state", "used")),
                gauge(
                    "hikaricp.connections.active",
                    "",
                    T0.plusSeconds(90),
                    4,
                    Map.of("pool", "HikariPool-1"))),
            DEFAULTS);

    assertThat(findings).extracting(Finding::location).containsExactly("db-pool:legacy");
  }

  @Test
  void readsResourceSamples() {
    List<Finding> findings =
        detector
            .resources()
            .observe(
                resources(
                    new ResourceSample(T0, null, null, null, null, 10, 10, 2),
                    new ResourceSample(T0.plusSeconds(60), null, null, null, null, 10, 10, 5)),
                DEFAULTS);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo("db-pool:default");
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            });
  }

  @Test
  void eachInstanceIsJudgedOnItsOwn() {
    // pod-1 is saturated at T0 only, pod-2 from T0+30s: no instance was saturated for a minute.
    Map<String, String> pool = Map.of("pool.name", "p");
    detector.observe(
        metrics(
            "pod-1",
            gauge(
                "db.client.connections.usage",
                "",
                T0,
                10,
                Map.of("pool.name", "p", "state", "used")),
            gauge("db.client.connections.max", "", T0, 10, pool)),
        DEFAULTS);
    detector.observe(
        metrics(
            "pod-1",
            gauge(
                "db.client.connections.usage",
                "",
                T0.plusSeconds(30),
                2,
                Map.of("pool.name", "p", "state", "used"))),
        DEFAULTS);
    detector.observe(
        metrics(
            "pod-2",
            gauge(
                "db.client.connections.usage",
                "",
                T0.plusSeconds(30),
                10,
                Map.of("pool.name", "p", "state", "used")),
            gauge("db.client.connections.max", "", T0.plusSeconds(30), 10, pool)),
        DEFAULTS);

    assertThat(
            detector.observe(
                metrics(
                    "pod-2",
                    gauge(
                        "db.client.connections.usage",
                        "",
                        T0.plusSeconds(60),
                        10,
                        Map.of("pool.name", "p", "state", "used"))),
                DEFAULTS))
        .isEmpty();
  }

  @Test
  void anInstanceThatStoppedReportingIsNoLongerSaturated() {
    Map<String, String> pool = Map.of("pool.name", "p");
    Map<String, String> used = Map.of("pool.name", "p", "state", "used");
    detector.observe(
        metrics(
            "pod-1",
            gauge("db.client.connections.usage", "", T0, 10, used),
            gauge("db.client.connections.max", "", T0, 10, pool)),
        DEFAULTS);
    assertThat(
            detector.observe(
                metrics(
                    "pod-1",
                    gauge("db.client.connections.usage", "", T0.plusSeconds(60), 10, used)),
                DEFAULTS))
        .hasSize(1);

    List<Finding> findings =
        detector.observe(
            metrics(
                "pod-2",
                gauge("db.client.connections.usage", "", T0.plusSeconds(600), 2, used),
                gauge("db.client.connections.max", "", T0.plusSeconds(600), 10, pool)),
            DEFAULTS);

    assertThat(findings).isEmpty();
  }
}
