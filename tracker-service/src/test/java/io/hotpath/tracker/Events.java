package io.hotpath.tracker;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.Effort;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.plan.RollbackPlan;
import io.hotpath.contracts.plan.Strategy;
import io.hotpath.contracts.plan.ValidationTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic events for the tracker's tests, as the analyzer and the planner send them. */
public final class Events {
  public static final Instant T = Instant.parse("2026-11-26T10:15:30Z");
  public static final String LOCATION = "startup-phase:hibernate-bootstrap";

  private Events() {}

  public static BottleneckDetected slowStartup(String tenant, String service, long durationMs) {
    return slowStartup(tenant, service, durationMs, Severity.HIGH, 1, T);
  }

  public static BottleneckDetected slowStartup(
      String tenant,
      String service,
      long durationMs,
      Severity severity,
      long occurrences,
      Instant lastSeen) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        io.hotpath.contracts.Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        service + "-7d9f-abcde",
        lastSeen,
        Fingerprints.bottleneck(tenant, service, BottleneckType.SLOW_STARTUP, LOCATION),
        BottleneckType.SLOW_STARTUP,
        severity,
        LOCATION,
        new Impact(
            durationMs - 1000,
            "ms",
            "phase hibernate-bootstrap took " + durationMs + " ms (goal 1000 ms)"),
        new Evidence(
            "startup phase over 1 s",
            Map.of("durationMs", (double) durationMs, "thresholdMs", 1000.0),
            lastSeen.minusSeconds(60),
            lastSeen,
            null,
            null,
            null,
            null),
        T,
        lastSeen,
        occurrences,
        BottleneckState.ACTIVE);
  }

  /** The same observation at another location (so another bottleneck) with another severity. */
  public static BottleneckDetected elsewhere(
      BottleneckDetected b, String location, Severity severity) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        b.schemaVersion(),
        b.tenant(),
        b.service(),
        b.environment(),
        b.version(),
        b.instance(),
        b.eventTime(),
        Fingerprints.bottleneck(b.tenant(), b.service(), b.type(), location),
        b.type(),
        severity,
        location,
        b.impact(),
        b.evidence(),
        b.firstSeen(),
        b.lastSeen(),
        b.occurrences(),
        b.state());
  }

  /** A slow query as the analyzer reports it from query statistics, at {@code location}. */
  public static BottleneckDetected slowQuery(
      String tenant, String service, String location, String normalizedSql, double meanMs) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        io.hotpath.contracts.Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        service + "-7d9f-abcde",
        T,
        Fingerprints.bottleneck(tenant, service, BottleneckType.SLOW_QUERY, location),
        BottleneckType.SLOW_QUERY,
        Severity.HIGH,
        location,
        new Impact(meanMs * 300, "ms", "300 calls took " + meanMs * 300 + " ms in the window"),
        new Evidence(
            normalizedSql + " -- 300 calls, mean " + meanMs + " ms from query statistics",
            Map.of("calls", 300.0, "meanMs", meanMs, "thresholdMs", 100.0),
            T.minusSeconds(60),
            T,
            null,
            null,
            null,
            null),
        T,
        T,
        1,
        BottleneckState.ACTIVE);
  }

  /** A bottleneck of {@code type} at {@code location}, as the analyzer reports it. */
  public static BottleneckDetected detected(
      String tenant, String service, BottleneckType type, String location, Impact impact) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        io.hotpath.contracts.Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        service + "-7d9f-abcde",
        T,
        Fingerprints.bottleneck(tenant, service, type, location),
        type,
        Severity.HIGH,
        location,
        impact,
        new Evidence(impact.summary(), Map.of(), T.minusSeconds(300), T, null, null, null, null),
        T,
        T,
        1,
        BottleneckState.ACTIVE);
  }

  /** The planner's plan for a slow-startup bottleneck. */
  public static PlanProposed planFor(BottleneckDetected bottleneck) {
    return planFor(
        bottleneck,
        new ValidationTarget(
            "startup.phase.duration.ms[" + bottleneck.location() + "]", "<= 1000"));
  }

  /** The planner's plan for a bottleneck, validated on {@code validation}. */
  public static PlanProposed planFor(BottleneckDetected bottleneck, ValidationTarget validation) {
    return new PlanProposed(
        EventIds.derived(bottleneck.eventId(), "sha256:0123456789ab"),
        io.hotpath.contracts.Events.SCHEMA_VERSION,
        bottleneck.tenant(),
        bottleneck.service(),
        bottleneck.environment(),
        bottleneck.version(),
        bottleneck.instance(),
        bottleneck.eventTime().plusSeconds(1),
        "plan-" + bottleneck.fingerprint().substring(0, 16),
        bottleneck.fingerprint(),
        bottleneck.type(),
        bottleneck.severity(),
        new Strategy(
            "slow-startup-lazy-init",
            "Lazy loading behind a feature flag",
            List.of("Defer " + bottleneck.location() + " behind a flag"),
            validation,
            new Impact(1300, "ms", bottleneck.location() + " ~1300 ms faster"),
            RiskLevel.LOW),
        new RollbackPlan(
            RollbackMethod.FEATURE_FLAG,
            true,
            Duration.ofMinutes(1),
            List.of("Turn the lazy-loading flag off")),
        new Effort("S", 2),
        1,
        List.of(),
        "sha256:0123456789ab");
  }
}
