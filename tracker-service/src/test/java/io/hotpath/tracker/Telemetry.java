package io.hotpath.tracker;

import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RollbackPlan;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Telemetry reports and deployments as the collector writes them, for the tracker's tests. */
public final class Telemetry {
  public static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  public static final String ENV = "prod";
  private static final int SCHEMA = io.hotpath.contracts.Events.SCHEMA_VERSION;

  private Telemetry() {}

  public static StartupReported start(
      String tenant,
      String service,
      String version,
      StartType type,
      long hibernateMs,
      Long timeToReadyMs,
      Double memoryMb) {
    return new StartupReported(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        T,
        type,
        List.of(new StartupPhase("hibernate-bootstrap", hibernateMs), new StartupPhase("arc", 200)),
        timeToReadyMs,
        memoryMb);
  }

  public static EndpointStats route(
      String method, String route, long requests, long errors, double p50, double p95, double p99) {
    return new EndpointStats(route, method, requests, errors, 0, p50, p95, p99);
  }

  public static EndpointStatsReported window(
      String tenant, String service, String version, int minute, EndpointStats... routes) {
    Instant start = T.plusSeconds(60L * minute);
    return new EndpointStatsReported(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        start.plusSeconds(60),
        start,
        start.plusSeconds(60),
        List.of(routes));
  }

  public static ResourcesSampled resources(
      String tenant, String service, String version, ResourceSample... samples) {
    return new ResourcesSampled(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        T,
        List.of(samples));
  }

  public static ResourceSample sample(
      int minute, double cpu, double heap, double heapAfterGc, double rss, int dbActive) {
    return new ResourceSample(
        T.plusSeconds(60L * minute), cpu, heap, heapAfterGc, rss, dbActive, 20, 0);
  }

  /** A row of query statistics as {@code pg_stat_statements} gives it (mean = total / calls). */
  public static QueryStats query(String sql, long calls, double totalMs, Double p95Ms) {
    return new QueryStats(sql, "orders", calls, totalMs, totalMs / calls, p95Ms, calls, false);
  }

  public static QueryStatsReported queries(
      String tenant, String service, String version, int minute, QueryStats... rows) {
    Instant start = T.plusSeconds(60L * minute);
    return new QueryStatsReported(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        start.plusSeconds(60),
        start,
        start.plusSeconds(60),
        List.of(rows));
  }

  public static FunctionalityChecked checks(
      String tenant, String service, String version, FunctionalityCheck... checks) {
    return new FunctionalityChecked(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        T,
        List.of(checks));
  }

  public static DeploymentRecorded deployment(
      String tenant, String service, String version, String previous, String... optimizations) {
    return new DeploymentRecorded(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        null,
        T.plusSeconds(3600),
        previous,
        List.of(optimizations),
        "deploy/" + service + "@" + previous);
  }

  /** The plan with its rollback automated or not. */
  public static PlanProposed withAutomatedRollback(PlanProposed p, boolean automated) {
    return new PlanProposed(
        p.eventId(),
        p.schemaVersion(),
        p.tenant(),
        p.service(),
        p.environment(),
        p.version(),
        p.instance(),
        p.eventTime(),
        p.planId(),
        p.bottleneckFingerprint(),
        p.bottleneckType(),
        p.severity(),
        p.strategy(),
        new RollbackPlan(
            p.rollback().method(), automated, p.rollback().timeToRollback(), p.rollback().steps()),
        p.effort(),
        p.rank(),
        p.dependsOn(),
        p.catalogVersion());
  }

  /** A counter point {@code minute} minutes after {@link #T}. */
  public static MetricPoint counter(
      String name, Map<String, String> attributes, int minute, double value) {
    return new MetricPoint(
        name, MetricKind.SUM, "1", attributes, T.plusSeconds(60L * minute), value, null);
  }

  /** A batch of metric points of one instance. */
  public static MetricsReceived metrics(
      String tenant, String service, String version, String instance, MetricPoint... points) {
    return new MetricsReceived(
        UUID.randomUUID(), SCHEMA, tenant, service, ENV, version, instance, T, List.of(points));
  }

  /** A one-minute profile starting {@code minute} minutes after {@link #T}. */
  public static ProfileCaptured profile(
      String tenant,
      String service,
      String version,
      int minute,
      ProfileType type,
      String unit,
      StackSample... stacks) {
    Instant start = T.plusSeconds(60L * minute);
    return new ProfileCaptured(
        UUID.randomUUID(),
        SCHEMA,
        tenant,
        service,
        ENV,
        version,
        service + "-1",
        start.plusSeconds(60),
        type,
        type == ProfileType.LOCK ? "lock_duration" : "cpu",
        unit,
        type == ProfileType.LOCK ? 0 : 10_000_000L,
        start,
        start.plusSeconds(60),
        List.of(stacks));
  }

  /** A stack waiting {@code value} (in the profile's unit) for a lock in {@code function}. */
  public static StackSample lockWait(String function, long value) {
    return new StackSample(
        List.of(
            "[pool-1-thread-3 tid=42]",
            "com.shop.Api.handle",
            function,
            "java.util.concurrent.locks.ReentrantLock.lock",
            "jdk.internal.misc.Unsafe.park"),
        value);
  }
}
