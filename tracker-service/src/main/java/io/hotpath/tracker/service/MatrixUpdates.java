package io.hotpath.tracker.service;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.PlanningGap;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.CoverageGapRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.hotpath.tracker.repository.ProcessedEventRepository;
import io.hotpath.tracker.repository.StatusHistoryRepository;
import io.hotpath.tracker.repository.TenantCounterRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Applies the events the tracker consumes to the matrix. Each event is applied in one transaction
 * together with the record that it was processed, so a redelivered event changes nothing and a
 * failure leaves nothing half-applied. The returned {@code Uni} completes once that transaction
 * committed.
 */
@ApplicationScoped
public class MatrixUpdates {
  /** Processed-event consumer names: one per input, so each deduplicates on its own. */
  public static final String BOTTLENECKS_CONSUMER = "tracker.bottlenecks";

  public static final String PLANS_CONSUMER = "tracker.plans";

  public static final String COVERAGE_GAPS_CONSUMER = "tracker.coverage-gaps";

  /** Who the history names for transitions the analyzer's findings cause. */
  public static final String ANALYZER = "analyzer";

  private static final int LOCK_RETRIES = 5;

  private static final Logger LOG = Logger.getLogger(MatrixUpdates.class);

  private final BottleneckRepository bottlenecks;
  private final PlanRepository plans;
  private final StatusHistoryRepository history;
  private final ProcessedEventRepository processed;
  private final TenantCounterRepository counters;
  private final OutboxRepository outbox;
  private final StatusChangePublisher publisher;
  private final CoverageGapRepository gaps;

  public MatrixUpdates(
      BottleneckRepository bottlenecks,
      PlanRepository plans,
      StatusHistoryRepository history,
      ProcessedEventRepository processed,
      TenantCounterRepository counters,
      OutboxRepository outbox,
      StatusChangePublisher publisher,
      CoverageGapRepository gaps) {
    this.bottlenecks = bottlenecks;
    this.plans = plans;
    this.history = history;
    this.processed = processed;
    this.counters = counters;
    this.outbox = outbox;
    this.publisher = publisher;
    this.gaps = gaps;
  }

  /**
   * A new fingerprint becomes a NOT_STARTED row with the tenant's next human id and its first
   * history entry; a known one is updated in place, without a history entry (its status did not
   * change). A new row is announced with a {@code BottleneckStatusChanged} (no {@code from}, to
   * NOT_STARTED) through the outbox, published after the commit; the returned Uni completes after
   * that attempt (an unacknowledged event is left for the relay).
   */
  public Uni<Void> recordDetection(BottleneckDetected event) {
    return recordDetections(List.of(event));
  }

  /**
   * Applies many detections in one transaction, in their order, exactly as {@link #recordDetection}
   * would one after the other: events already processed (or repeated in the list) change nothing,
   * new fingerprints take the tenant's next human ids in list order, and a fingerprint seen twice
   * is created by the first and updated by the second. Either all of them commit or none: a failure
   * leaves the caller to apply them one by one.
   */
  public Uni<Void> recordDetections(List<BottleneckDetected> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // A transition through the API may update the same row concurrently; its optimistic lock then
    // fails this transaction, which is simply run again on the rows as they are now.
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(() -> applyDetections(events)))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES)
        .chain(publisher::publishAll)
        .replaceWithVoid();
  }

  /** The transaction of {@link #recordDetections}; the status-change events it wrote. */
  private Uni<List<OutboxEvent>> applyDetections(List<BottleneckDetected> events) {
    return firstDeliveries(BOTTLENECKS_CONSUMER, events, BottleneckDetected::eventId)
        .chain(
            todo ->
                todo.isEmpty()
                    ? Uni.createFrom().item(List.<OutboxEvent>of())
                    : knownRows(todo).chain(rows -> applyInOrder(todo, rows)));
  }

  /** The stored rows of the events' fingerprints, by tenant and fingerprint. */
  private Uni<Map<RowKey, TrackedBottleneck>> knownRows(List<BottleneckDetected> events) {
    Map<RowKey, TrackedBottleneck> rows = new HashMap<>();
    return perTenant(
            events,
            BottleneckDetected::tenant,
            BottleneckDetected::fingerprint,
            bottlenecks::findByFingerprints)
        .map(
            found -> {
              found.forEach(row -> rows.put(new RowKey(row.tenant(), row.fingerprint()), row));
              return rows;
            });
  }

  /**
   * Claims the events' ids for {@code consumer} (in the transaction); the first delivery of each id
   * it claimed, in the events' order. Events processed before, or repeated in the list, are left
   * out.
   */
  private <E> Uni<List<E>> firstDeliveries(
      String consumer, List<E> events, Function<E, UUID> eventId) {
    return processed
        .claimAll(consumer, events.stream().map(eventId).toList())
        .map(
            fresh -> {
              List<E> todo = new ArrayList<>();
              for (E event : events) {
                if (fresh.remove(eventId.apply(event))) {
                  todo.add(event);
                }
              }
              if (todo.size() < events.size()) {
                LOG.debugf(
                    "%s: %d of %d events already processed; skipped",
                    consumer, events.size() - todo.size(), events.size());
              }
              return todo;
            });
  }

  /**
   * The stored rows for the events' fingerprints: one {@code find(tenant, fingerprints)} per
   * tenant, one after the other (one session), all rows together.
   */
  private static <E, R> Uni<List<R>> perTenant(
      List<E> events,
      Function<E, String> tenant,
      Function<E, String> fingerprint,
      BiFunction<String, Set<String>, Uni<List<R>>> find) {
    Map<String, Set<String>> fingerprints = new LinkedHashMap<>();
    for (E event : events) {
      fingerprints
          .computeIfAbsent(tenant.apply(event), t -> new LinkedHashSet<>())
          .add(fingerprint.apply(event));
    }
    List<R> rows = new ArrayList<>();
    return Multi.createFrom()
        .iterable(fingerprints.entrySet())
        .onItem()
        .transformToUniAndConcatenate(t -> find.apply(t.getKey(), t.getValue()))
        .onItem()
        .invoke(rows::addAll)
        .collect()
        .last()
        .replaceWith(rows);
  }

  /**
   * Reserves each tenant's human numbers for its new fingerprints in one statement, then creates or
   * updates the rows in the events' order. The new rows are persisted together, then their history
   * entries, then their status-change events: each kind is one run of inserts, so Hibernate sends
   * them in batches without reordering its action queue (its insert ordering once put history
   * entries before their rows: a foreign-key failure that sent whole polls one record at a time).
   */
  private Uni<List<OutboxEvent>> applyInOrder(
      List<BottleneckDetected> events, Map<RowKey, TrackedBottleneck> rows) {
    Map<String, Integer> created = new LinkedHashMap<>();
    Set<RowKey> creating = new HashSet<>();
    for (BottleneckDetected event : events) {
      RowKey key = new RowKey(event.tenant(), event.fingerprint());
      if (!rows.containsKey(key) && creating.add(key)) {
        created.merge(event.tenant(), 1, Integer::sum);
      }
    }
    Map<String, long[]> next = new HashMap<>();
    return Multi.createFrom()
        .iterable(created.entrySet())
        .onItem()
        .transformToUniAndConcatenate(
            tenant ->
                counters
                    .reserveBottleneckNumbers(tenant.getKey(), tenant.getValue())
                    .invoke(
                        last ->
                            next.put(tenant.getKey(), new long[] {last - tenant.getValue() + 1})))
        .collect()
        .last()
        .chain(
            () -> {
              Instant now = Instant.now();
              List<Detected> fresh = new ArrayList<>();
              for (BottleneckDetected event : events) {
                RowKey key = new RowKey(event.tenant(), event.fingerprint());
                TrackedBottleneck existing = rows.get(key);
                if (existing != null) {
                  existing.observedAgain(event, now);
                  continue;
                }
                long number = next.get(event.tenant())[0]++;
                TrackedBottleneck row = TrackedBottleneck.detected(event, number, now);
                rows.put(key, row);
                fresh.add(new Detected(event, row));
              }
              return fresh.isEmpty()
                  ? Uni.createFrom().item(List.<OutboxEvent>of())
                  : track(fresh, now);
            });
  }

  /** True when the failure is a lost optimistic lock: another transaction changed the row. */
  public static boolean lostOptimisticLock(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
        return true;
      }
    }
    return false;
  }

  /** Keeps the newest plan per bottleneck, whether or not the bottleneck is tracked yet. */
  public Uni<Void> recordPlan(PlanProposed event) {
    return recordPlans(List.of(event));
  }

  /**
   * Applies many plans in one transaction, in their order, exactly as {@link #recordPlan} would one
   * after the other: events already processed (or repeated in the list) change nothing, and of two
   * plans for the same bottleneck the newer one is kept. Either all of them commit or none: a
   * failure leaves the caller to apply them one by one.
   */
  public Uni<Void> recordPlans(List<PlanProposed> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withTransaction(() -> applyPlans(events));
  }

  /** The transaction of {@link #recordPlans}. */
  private Uni<Void> applyPlans(List<PlanProposed> events) {
    return firstDeliveries(PLANS_CONSUMER, events, PlanProposed::eventId)
        .chain(
            todo ->
                todo.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : storedPlans(todo).chain(stored -> keepNewest(todo, stored)));
  }

  /** The stored plans of the events' bottlenecks, by key. */
  private Uni<Map<PlanKey, TrackedPlan>> storedPlans(List<PlanProposed> events) {
    Map<PlanKey, TrackedPlan> stored = new HashMap<>();
    return perTenant(
            events,
            PlanProposed::tenant,
            PlanProposed::bottleneckFingerprint,
            plans::forFingerprints)
        .map(
            found -> {
              found.forEach(plan -> stored.put(plan.key(), plan));
              return stored;
            });
  }

  /** A new plan is persisted; a newer one replaces the stored one, an older one is ignored. */
  private Uni<Void> keepNewest(List<PlanProposed> events, Map<PlanKey, TrackedPlan> stored) {
    Instant now = Instant.now();
    List<TrackedPlan> created = new ArrayList<>();
    for (PlanProposed event : events) {
      PlanKey key = new PlanKey(event.tenant(), event.bottleneckFingerprint());
      TrackedPlan existing = stored.get(key);
      if (existing == null) {
        TrackedPlan plan = TrackedPlan.proposed(event, now);
        stored.put(key, plan);
        created.add(plan);
      } else if (!existing.replaceWith(event, now)) {
        LOG.debugf(
            "Plan event %s is older than the stored plan %s; kept the stored one",
            event.eventId(), existing.planId());
      }
    }
    return created.isEmpty() ? Uni.createFrom().voidItem() : plans.persist(created);
  }

  /** Keeps the newest coverage gap per bottleneck; a newer plan closes it (StoredCoverageGaps). */
  public Uni<Void> recordCoverageGap(CoverageGapFound event) {
    return Panache.withTransaction(
        () ->
            processed.once(
                COVERAGE_GAPS_CONSUMER,
                event.eventId(),
                () ->
                    gaps.findById(new PlanKey(event.tenant(), event.bottleneckFingerprint()))
                        .chain(
                            existing -> {
                              if (existing == null) {
                                LOG.warnf(
                                    "Coverage gap in %s/%s: %s %s at %s (%s)",
                                    event.tenant(),
                                    event.service(),
                                    event.severity(),
                                    event.bottleneckType(),
                                    event.location(),
                                    event.reason());
                                return gaps.persist(PlanningGap.of(event)).replaceWithVoid();
                              }
                              existing.replaceWith(event);
                              return Uni.createFrom().voidItem();
                            })));
  }

  /**
   * The new rows, then each one's first history entry, then each one's status-change event,
   * persisted; the events. A row's id comes from its sequence when it is persisted, before the
   * entries that refer to it are made.
   */
  private Uni<List<OutboxEvent>> track(List<Detected> fresh, Instant now) {
    return bottlenecks
        .persist(fresh.stream().map(Detected::row))
        .chain(
            () -> {
              List<StatusChange> entries = new ArrayList<>(fresh.size());
              List<OutboxEvent> announced = new ArrayList<>(fresh.size());
              for (Detected detected : fresh) {
                BottleneckDetected event = detected.event();
                TrackedBottleneck tracked = detected.row();
                LOG.infof(
                    "Tracking %s: %s %s in %s/%s",
                    tracked.humanId(),
                    event.severity(),
                    event.type(),
                    event.tenant(),
                    event.service());
                String reason = "detected: " + describe(event);
                entries.add(
                    StatusChange.of(
                        tracked, null, BottleneckStatus.NOT_STARTED, ANALYZER, reason, now));
                announced.add(
                    OutboxEvent.statusChanged(
                        EventIds.derived(event.eventId(), "tracked"),
                        tracked,
                        null,
                        BottleneckStatus.NOT_STARTED,
                        ANALYZER,
                        reason,
                        now));
              }
              return history
                  .persist(entries)
                  .chain(() -> outbox.persist(announced))
                  .replaceWith(announced);
            });
  }

  /** A first sighting and the row it creates. */
  private record Detected(BottleneckDetected event, TrackedBottleneck row) {}

  private record RowKey(String tenant, String fingerprint) {}

  private static String describe(BottleneckDetected event) {
    String summary = event.impact().summary();
    return summary != null && !summary.isBlank()
        ? summary
        : event.type() + " at " + event.location();
  }
}
