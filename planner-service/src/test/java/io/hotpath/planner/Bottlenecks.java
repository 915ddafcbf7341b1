package io.hotpath.planner;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic bottleneck events for the planner's tests. */
public final class Bottlenecks {
  public static final Instant T = Instant.parse("2026-11-26T10:15:30Z");

  private Bottlenecks() {}

  /** What the analyzer reports for a startup phase of {@code durationMs} against a 1 s goal. */
  public static BottleneckDetected slowStartup(String tenant, String service, long durationMs) {
    String location = "startup-phase:hibernate-bootstrap";
    return new BottleneckDetected(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        "checkout-7d9f-abcde",
        T,
        Fingerprints.bottleneck(tenant, service, BottleneckType.SLOW_STARTUP, location),
        BottleneckType.SLOW_STARTUP,
        Severity.HIGH,
        location,
        new Impact(
            durationMs - 1000,
            "ms",
            "phase hibernate-bootstrap took " + durationMs + " ms (goal 1000 ms)"),
        new Evidence(
            "startup phase over 1 s",
            Map.of("durationMs", (double) durationMs, "thresholdMs", 1000.0),
            T.minusSeconds(60),
            T,
            List.of(UUID.randomUUID()),
            List.of(),
            List.of(),
            List.of()),
        T,
        T,
        1,
        BottleneckState.ACTIVE);
  }

  /** A bottleneck of a type the shipped catalog has no playbook for. */
  public static BottleneckDetected lockContention(String tenant, String service) {
    String location = "com.acme.Orders.lock";
    return new BottleneckDetected(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        null,
        T,
        Fingerprints.bottleneck(tenant, service, BottleneckType.LOCK_CONTENTION, location),
        BottleneckType.LOCK_CONTENTION,
        Severity.MEDIUM,
        location,
        new Impact(120, "ms", "threads wait 120 ms on the orders lock"),
        new Evidence("lock waits", Map.of("waitMs", 120.0), T, T, null, null, null, null),
        T,
        T,
        1,
        BottleneckState.ACTIVE);
  }
}
