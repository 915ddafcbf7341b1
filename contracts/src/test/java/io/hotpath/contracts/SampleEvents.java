package io.hotpath.contracts;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.plan.Effort;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.plan.RollbackPlan;
import io.hotpath.contracts.plan.Strategy;
import io.hotpath.contracts.plan.ValidationTarget;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.contracts.tracking.BottleneckStatusChanged;
import io.hotpath.contracts.tracking.RollbackCompleted;
import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every event in the contract. */
final class SampleEvents {
  static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");
  static final String TENANT = "acme";
  static final String SERVICE = "checkout";
  static final String ENV = "prod";
  static final String VERSION = "1.4.2";
  static final String INSTANCE = "checkout-7d9f-abcde";

  private SampleEvents() {}

  static UUID id(int n) {
    return new UUID(0x686f747061746800L, n);
  }

  static List<HotpathEvent> all() {
    String fingerprint =
        Fingerprints.bottleneck(
            TENANT, SERVICE, BottleneckType.SLOW_STARTUP, "startup:hibernate-bootstrap");
    return List.of(
        new ProfileCaptured(
            id(1),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            ProfileType.CPU,
            "cpu",
            "samples",
            10_000_000L,
            T.minusSeconds(10),
            T,
            List.of(
                new StackSample(List.of("main", "handle", "parse"), 42),
                new StackSample(List.of("main", "handle"), 7))),
        new SpansReceived(
            id(2),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            List.of(
                new Span(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    null,
                    "GET /orders",
                    SpanKind.SERVER,
                    1_000L,
                    2_000_000L,
                    SpanStatus.OK,
                    Map.of("http.route", "/orders", "http.request.method", "GET")),
                new Span(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b8",
                    "00f067aa0ba902b7",
                    "SELECT orders",
                    SpanKind.CLIENT,
                    2_000L,
                    900_000L,
                    SpanStatus.UNSET,
                    Map.of("db.system", "postgresql", "db.statement", "select * from orders")))),
        new MetricsReceived(
            id(3),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            List.of(
                new MetricPoint(
                    "jvm.memory.used_after_last_gc",
                    MetricKind.GAUGE,
                    "By",
                    Map.of("jvm.memory.pool.name", "G1 Old Gen"),
                    T,
                    1.5e8,
                    null),
                new MetricPoint(
                    "http.server.request.duration",
                    MetricKind.HISTOGRAM,
                    "s",
                    Map.of("http.route", "/orders"),
                    T,
                    null,
                    new Histogram(10, 1.2, List.of(0.1, 0.5), List.of(6L, 3L, 1L))))),
        new StartupReported(
            id(4),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            StartType.COLD,
            List.of(new StartupPhase("config", 120), new StartupPhase("hibernate-bootstrap", 2300)),
            3100L,
            212.5),
        new EndpointStatsReported(
            id(5),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            T.minusSeconds(60),
            T,
            List.of(new EndpointStats("/orders/{id}", "GET", 1200, 3, 1, 12.5, 80.0, 210.0))),
        new QueryStatsReported(
            id(6),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            null,
            T,
            T.minusSeconds(60),
            T,
            List.of(
                new QueryStats(
                    "select * from orders where customer_id = $1",
                    "shop",
                    5400,
                    64800.0,
                    12.0,
                    35.0,
                    5400L,
                    true))),
        new ResourcesSampled(
            id(7),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            List.of(new ResourceSample(T, 35.0, 310.0, 180.0, 420.0, 8, 10, 2))),
        new FunctionalityChecked(
            id(8),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            null,
            T,
            List.of(new FunctionalityCheck("place-order", true, "201 in 84 ms"))),
        new DeploymentRecorded(
            id(9),
            1,
            TENANT,
            SERVICE,
            ENV,
            "1.5.0",
            null,
            T,
            VERSION,
            List.of("BTLNK-001"),
            VERSION),
        new BottleneckDetected(
            id(10),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            INSTANCE,
            T,
            fingerprint,
            BottleneckType.SLOW_STARTUP,
            Severity.HIGH,
            "startup:hibernate-bootstrap",
            new Impact(2300, "ms", "phase hibernate-bootstrap took 2300 ms"),
            new Evidence(
                "startup phase over 1000 ms",
                Map.of("durationMs", 2300.0, "thresholdMs", 1000.0),
                T,
                T,
                List.of(id(4)),
                List.of(),
                List.of(),
                List.of()),
            T,
            T,
            1,
            BottleneckState.ACTIVE),
        new PlanProposed(
            id(11),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            null,
            T,
            "plan-" + fingerprint,
            fingerprint,
            BottleneckType.SLOW_STARTUP,
            Severity.HIGH,
            new Strategy(
                "slow-startup-lazy-init",
                "Load lazily behind a feature flag",
                List.of("Move the eager loader behind a lazy holder", "Guard it with a flag"),
                new ValidationTarget("startup.phase.hibernate-bootstrap.ms", "<= 1000"),
                new Impact(1300, "ms", "phase drops from 2300 ms to 1000 ms"),
                RiskLevel.LOW),
            new RollbackPlan(
                RollbackMethod.FEATURE_FLAG,
                true,
                Duration.ofMinutes(1),
                List.of("Turn the flag off")),
            new Effort("S", 1.5),
            1,
            List.of(),
            "builtin-1"),
        new BottleneckStatusChanged(
            id(12),
            1,
            TENANT,
            SERVICE,
            ENV,
            VERSION,
            null,
            T,
            fingerprint,
            "BTLNK-001",
            BottleneckStatus.NOT_STARTED,
            BottleneckStatus.IN_PROGRESS,
            "alice",
            "picked up in sprint 42"),
        new RollbackRequested(
            id(13),
            1,
            TENANT,
            SERVICE,
            ENV,
            "1.5.0",
            null,
            T,
            "cmd-1",
            fingerprint,
            RollbackMethod.KUBERNETES_ROLLOUT_UNDO,
            "shop/checkout",
            VERSION,
            "alert HighLatency fired after 1.5.0 shipped",
            "alertmanager:{}:abc123"),
        new RollbackCompleted(
            id(14),
            1,
            TENANT,
            SERVICE,
            ENV,
            "1.5.0",
            null,
            T,
            "cmd-1",
            fingerprint,
            "kubernetes",
            RollbackOutcome.SUCCEEDED,
            "deployment shop/checkout back at revision 6",
            1));
  }
}
