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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
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
    // A transition through the API may update the same row concurrently; its optimistic lock then
    // fails this transaction, which is simply run again on the row as it is now.
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        processed.once(
                            BOTTLENECKS_CONSUMER,
                            event.eventId(),
                            () ->
                                bottlenecks
                                    .findByFingerprint(event.tenant(), event.fingerprint())
                                    .chain(
                                        existing ->
                                            existing == null
                                                ? track(event)
                                                : update(existing, event)))))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES)
        .chain(
            announced ->
                announced == null
                    ? Uni.createFrom().voidItem()
                    : publisher.publish(announced).replaceWithVoid());
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
    return Panache.withTransaction(
        () ->
            processed.once(
                PLANS_CONSUMER,
                event.eventId(),
                () ->
                    plans
                        .findById(new PlanKey(event.tenant(), event.bottleneckFingerprint()))
                        .chain(
                            existing -> {
                              Instant now = Instant.now();
                              if (existing == null) {
                                return plans
                                    .persist(TrackedPlan.proposed(event, now))
                                    .replaceWithVoid();
                              }
                              if (!existing.replaceWith(event, now)) {
                                LOG.debugf(
                                    "Plan event %s is older than the stored plan %s; kept the"
                                        + " stored one",
                                    event.eventId(), existing.planId());
                              }
                              return Uni.createFrom().voidItem();
                            })));
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

  private Uni<OutboxEvent> track(BottleneckDetected event) {
    Instant now = Instant.now();
    return counters
        .nextBottleneckNumber(event.tenant())
        .chain(number -> bottlenecks.persist(TrackedBottleneck.detected(event, number, now)))
        .chain(
            tracked -> {
              LOG.infof(
                  "Tracking %s: %s %s in %s/%s",
                  tracked.humanId(),
                  event.severity(),
                  event.type(),
                  event.tenant(),
                  event.service());
              String reason = "detected: " + describe(event);
              OutboxEvent announced =
                  OutboxEvent.statusChanged(
                      EventIds.derived(event.eventId(), "tracked"),
                      tracked,
                      null,
                      BottleneckStatus.NOT_STARTED,
                      ANALYZER,
                      reason,
                      now);
              return history
                  .persist(
                      StatusChange.of(
                          tracked, null, BottleneckStatus.NOT_STARTED, ANALYZER, reason, now))
                  .chain(() -> outbox.persist(announced));
            });
  }

  private Uni<OutboxEvent> update(TrackedBottleneck existing, BottleneckDetected event) {
    existing.observedAgain(event, Instant.now());
    return Uni.createFrom().nullItem();
  }

  private static String describe(BottleneckDetected event) {
    String summary = event.impact().summary();
    return summary != null && !summary.isBlank()
        ? summary
        : event.type() + " at " + event.location();
  }
}
