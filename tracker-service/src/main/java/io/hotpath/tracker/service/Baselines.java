package io.hotpath.tracker.service;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.baseline.TelemetryTotals;
import io.hotpath.tracker.repository.MeasuredBaselineRepository;
import io.hotpath.tracker.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.hibernate.exception.ConstraintViolationException;

/** Measured baselines: each telemetry report adds its share to its version's sums, once. */
@ApplicationScoped
public class Baselines {
  public static final String REPORTS_CONSUMER = "tracker.telemetry-reports";
  public static final String METRICS_CONSUMER = "tracker.telemetry-metrics";
  public static final String PROFILES_CONSUMER = "tracker.telemetry-profiles";

  private static final int LOCK_RETRIES = 10;

  private final MeasuredBaselineRepository baselines;
  private final ProcessedEventRepository processed;

  public Baselines(MeasuredBaselineRepository baselines, ProcessedEventRepository processed) {
    this.baselines = baselines;
    this.processed = processed;
  }

  /**
   * Adds the report to its version's baseline in one transaction with the record that it was
   * processed; the key of the baseline it changed, or null (a repeat, or a kind that does not
   * contribute).
   */
  public Uni<MeasuredBaseline.Key> record(TelemetryReport report) {
    if (!MeasuredBaseline.contributes(report)) {
      return Uni.createFrom().nullItem();
    }
    return apply(
        REPORTS_CONSUMER,
        report,
        (baseline, now) -> {
          baseline.add(report, now);
          return true;
        });
  }

  /**
   * Adds a metric batch's cache counters to its version's baseline, once; the key of the baseline
   * it changed, or null (a repeat, or a batch without cache counters, skipped without touching the
   * database).
   */
  public Uni<MeasuredBaseline.Key> record(MetricsReceived metrics) {
    if (!TelemetryTotals.hasCacheCounters(metrics)) {
      return Uni.createFrom().nullItem();
    }
    return apply(METRICS_CONSUMER, metrics, (baseline, now) -> baseline.add(metrics, now));
  }

  /**
   * Adds the cache counters of many metric batches (one poll) in one transaction, in their order,
   * as {@link #record(MetricsReceived)} would one after the other: batches without cache counters
   * and repeats change nothing, each version's row is read and written once. The keys of the
   * baselines that changed; either all of it commits or none.
   */
  public Uni<List<MeasuredBaseline.Key>> recordAll(List<MetricsReceived> batch) {
    List<MetricsReceived> counted =
        batch.stream().filter(TelemetryTotals::hasCacheCounters).toList();
    if (counted.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(() -> applyAll(counted)))
        .onFailure(Baselines::concurrentWrite)
        .retry()
        .withBackOff(Duration.ofMillis(10), Duration.ofMillis(500))
        .atMost(LOCK_RETRIES);
  }

  private Uni<List<MeasuredBaseline.Key>> applyAll(List<MetricsReceived> events) {
    return processed
        .claimAll(METRICS_CONSUMER, events.stream().map(MetricsReceived::eventId).toList())
        .chain(
            fresh -> {
              List<MetricsReceived> todo =
                  events.stream().filter(e -> fresh.remove(e.eventId())).toList();
              Set<MeasuredBaseline.Key> keys = new HashSet<>();
              todo.forEach(e -> keys.add(keyOf(e)));
              return baselines.findAll(keys).chain(rows -> addInOrder(todo, rows));
            });
  }

  /** Adds each batch to its version's row (created by the first that counts); what changed. */
  private Uni<List<MeasuredBaseline.Key>> addInOrder(
      List<MetricsReceived> events, Map<MeasuredBaseline.Key, MeasuredBaseline> rows) {
    Set<MeasuredBaseline.Key> changed = new LinkedHashSet<>();
    List<MeasuredBaseline> created = new ArrayList<>();
    for (MetricsReceived metrics : events) {
      MeasuredBaseline.Key key = keyOf(metrics);
      Instant now = Instant.now();
      MeasuredBaseline row = rows.get(key);
      if (row == null) {
        MeasuredBaseline fresh = MeasuredBaseline.of(key);
        if (fresh.add(metrics, now)) {
          rows.put(key, fresh);
          created.add(fresh);
          changed.add(key);
        }
      } else if (row.add(metrics, now)) {
        changed.add(key);
      }
    }
    return (created.isEmpty() ? Uni.createFrom().voidItem() : baselines.persist(created))
        .map(done -> List.copyOf(changed));
  }

  private static MeasuredBaseline.Key keyOf(HotpathEvent event) {
    return new MeasuredBaseline.Key(
        event.tenant(), event.service(), event.environment(), event.version());
  }

  /**
   * Adds a lock profile's wait to its version's baseline, once; the key of the baseline it changed,
   * or null (a repeat, or another kind of profile, skipped without touching the database).
   */
  public Uni<MeasuredBaseline.Key> record(ProfileCaptured profile) {
    if (!TelemetryTotals.measuresLockWait(profile)) {
      return Uni.createFrom().nullItem();
    }
    return apply(PROFILES_CONSUMER, profile, (baseline, now) -> baseline.add(profile, now));
  }

  /**
   * Applies {@code effect} to the event's version's baseline (created when missing) in one
   * transaction with the record that {@code consumer} processed the event.
   */
  private Uni<MeasuredBaseline.Key> apply(
      String consumer, HotpathEvent event, BiFunction<MeasuredBaseline, Instant, Boolean> effect) {
    MeasuredBaseline.Key key =
        new MeasuredBaseline.Key(
            event.tenant(), event.service(), event.environment(), event.version());
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        processed.once(
                            consumer,
                            event.eventId(),
                            () ->
                                baselines
                                    .findById(key)
                                    .chain(
                                        found -> {
                                          Instant now = Instant.now();
                                          if (found == null) {
                                            MeasuredBaseline created = MeasuredBaseline.of(key);
                                            if (!effect.apply(created, now)) {
                                              return Uni.createFrom()
                                                  .<MeasuredBaseline.Key>nullItem();
                                            }
                                            return baselines.persist(created).replaceWith(key);
                                          }
                                          return Uni.createFrom()
                                              .item(effect.apply(found, now) ? key : null);
                                        }))))
        .onFailure(Baselines::concurrentWrite)
        .retry()
        .withBackOff(Duration.ofMillis(10), Duration.ofMillis(500))
        .atMost(LOCK_RETRIES);
  }

  /**
   * Reports, metrics and profiles of one version arrive on three channels at once: a write that
   * lost the row's optimistic lock, or created the row another channel created first, is run again
   * on the row as it then is (the processed-event claim rolled back with it).
   */
  static boolean concurrentWrite(Throwable failure) {
    if (MatrixUpdates.lostOptimisticLock(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException
          || (t instanceof PgException pg && "23505".equals(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }

  /** A service's measured baselines, optionally of one version only. */
  @WithSession
  public Uni<List<MeasuredBaseline>> ofService(String tenant, String service, String version) {
    return baselines.ofService(tenant, service, version);
  }

  /** One version's measured baseline, or null. */
  @WithSession
  public Uni<MeasuredBaseline> of(MeasuredBaseline.Key key) {
    return baselines.findById(key);
  }
}
