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
    return of(
        tenant,
        service,
        BottleneckType.SLOW_STARTUP,
        Severity.HIGH,
        "startup-phase:hibernate-bootstrap",
        new Impact(
            durationMs - 1000,
            "ms",
            "phase hibernate-bootstrap took " + durationMs + " ms (goal 1000 ms)"),
        "startup phase over 1 s",
        Map.of("durationMs", (double) durationMs, "thresholdMs", 1000.0),
        List.of());
  }

  /** Lock contention on the orders lock, MEDIUM. */
  public static BottleneckDetected lockContention(String tenant, String service) {
    return of(
        tenant,
        service,
        BottleneckType.LOCK_CONTENTION,
        Severity.MEDIUM,
        "lock:com.acme.Orders.lock",
        new Impact(120, "ms", "threads wait 120 ms on the orders lock"),
        "lock waits",
        Map.of("waitMs", 120.0),
        List.of());
  }

  /** An N+1: {@code repeats} queries of {@code meanMs} each under one request. */
  public static BottleneckDetected nPlusOne(
      String tenant, String service, int repeats, double meanMs) {
    return of(
        tenant,
        service,
        BottleneckType.N_PLUS_ONE,
        Severity.HIGH,
        "query:9f2c1a",
        new Impact(repeats * meanMs, "ms", repeats + " queries per GET /orders"),
        "select * from order_line where order_id = ?",
        Map.of("repeats", (double) repeats, "meanMs", meanMs, "totalMs", repeats * meanMs),
        List.of());
  }

  /** An N+1 whose evidence lacks the times its playbook's formula needs: it cannot be planned. */
  public static BottleneckDetected unmeasuredNPlusOne(String tenant, String service) {
    return of(
        tenant,
        service,
        BottleneckType.N_PLUS_ONE,
        Severity.CRITICAL,
        "query:77aa01",
        new Impact(40, "queries", "40 queries per GET /cart"),
        "select * from cart_item where cart_id = ?",
        Map.of("repeats", 40.0),
        List.of());
  }

  /** A bottleneck of any type, ACTIVE, with a fresh event id. */
  public static BottleneckDetected of(
      String tenant,
      String service,
      BottleneckType type,
      Severity severity,
      String location,
      Impact impact,
      String description,
      Map<String, Double> measurements,
      List<String> stack) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.4.2",
        "checkout-7d9f-abcde",
        T,
        Fingerprints.bottleneck(tenant, service, type, location),
        type,
        severity,
        location,
        impact,
        new Evidence(
            description,
            measurements,
            T.minusSeconds(60),
            T,
            List.of(UUID.randomUUID()),
            List.of(),
            List.of(),
            stack),
        T,
        T,
        1,
        BottleneckState.ACTIVE);
  }

  /** The same bottleneck seen again: a new event id, another severity and impact. */
  public static BottleneckDetected again(BottleneckDetected b, Severity severity, double impact) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        b.schemaVersion(),
        b.tenant(),
        b.service(),
        b.environment(),
        b.version(),
        b.instance(),
        b.eventTime(),
        b.fingerprint(),
        b.type(),
        severity,
        b.location(),
        new Impact(impact, b.impact().unit(), b.impact().summary()),
        b.evidence(),
        b.firstSeen(),
        b.lastSeen(),
        b.occurrences() + 1,
        BottleneckState.ACTIVE);
  }

  /** The analyzer no longer sees the bottleneck. */
  public static BottleneckDetected gone(BottleneckDetected b) {
    return new BottleneckDetected(
        UUID.randomUUID(),
        b.schemaVersion(),
        b.tenant(),
        b.service(),
        b.environment(),
        b.version(),
        b.instance(),
        b.eventTime(),
        b.fingerprint(),
        b.type(),
        b.severity(),
        b.location(),
        b.impact(),
        b.evidence(),
        b.firstSeen(),
        b.lastSeen(),
        b.occurrences(),
        BottleneckState.GONE);
  }
}
