package io.hotpath.tracker.lifecycle;

import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.lifecycle.TransitionRefused.Reason;
import io.hotpath.tracker.matrix.Lifecycle;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.StatusHistoryRepository;
import io.hotpath.tracker.service.MatrixUpdates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves bottlenecks through their lifecycle on request. The new status, its history entry and the
 * {@code BottleneckStatusChanged} event (in the outbox) commit in one transaction, guarded by the
 * row's optimistic lock so that of two concurrent moves only one wins; the event is then published
 * and the answer waits for Kafka's acknowledgement.
 */
@ApplicationScoped
public class StatusTransitions {
  private static final Logger LOG = Logger.getLogger(StatusTransitions.class);

  private final BottleneckRepository bottlenecks;
  private final StatusHistoryRepository history;
  private final OutboxRepository outbox;
  private final StatusChangePublisher events;
  private final MeterRegistry registry;

  public StatusTransitions(
      BottleneckRepository bottlenecks,
      StatusHistoryRepository history,
      OutboxRepository outbox,
      StatusChangePublisher events,
      MeterRegistry registry) {
    this.bottlenecks = bottlenecks;
    this.history = history;
    this.outbox = outbox;
    this.events = events;
    this.registry = registry;
  }

  /** What a transition did, and whether Kafka acknowledged its event before the answer. */
  public record Transitioned(StatusChange change, UUID eventId, boolean published) {}

  /**
   * Applies the transition; empty if the tenant has no such bottleneck.
   *
   * @throws TransitionRefused (as the Uni's failure) when the lifecycle does not allow it
   */
  public Uni<Optional<Transitioned>> transition(
      String tenant, String humanId, TransitionRequest request) {
    return Panache.withTransaction(
            () ->
                bottlenecks
                    .findByHumanId(tenant, humanId)
                    .chain(found -> found == null ? none() : apply(found, request)))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .transform(
            failure ->
                new TransitionRefused(
                    Reason.CONFLICT,
                    humanId,
                    null,
                    request.to(),
                    null,
                    List.of(),
                    humanId
                        + " changed while moving it to "
                        + request.to()
                        + "; read it again and retry if the move still makes sense."))
        .onFailure(TransitionRefused.class)
        .invoke(
            refused ->
                Counter.builder("hotpath.tracker.transitions.refused")
                    .description("Transitions the lifecycle refused, by why")
                    .tag("reason", ((TransitionRefused) refused).reason().name())
                    .register(registry)
                    .increment())
        .chain(
            applied -> {
              if (applied.isEmpty()) {
                return Uni.createFrom().item(Optional.<Transitioned>empty());
              }
              Pending pending = applied.get();
              StatusChange change = pending.change();
              LOG.infof(
                  "%s of %s/%s: %s -> %s by %s",
                  humanId,
                  tenant,
                  pending.event().service(),
                  change.from(),
                  change.to(),
                  change.actor());
              Counter.builder("hotpath.tracker.transitions")
                  .description("Status transitions made through the API")
                  .tag("from", String.valueOf(pending.change().from()))
                  .tag("to", pending.change().to().name())
                  .register(registry)
                  .increment();
              return events
                  .publish(pending.event())
                  .map(
                      published ->
                          Optional.of(
                              new Transitioned(
                                  pending.change(), pending.event().eventId(), published)));
            });
  }

  private record Pending(StatusChange change, OutboxEvent event) {}

  private static Uni<Optional<Pending>> none() {
    return Uni.createFrom().item(Optional.empty());
  }

  private Uni<Optional<Pending>> apply(TrackedBottleneck bottleneck, TransitionRequest request) {
    check(bottleneck, request);
    BottleneckStatus from = bottleneck.status();
    BottleneckStatus to = request.to();
    Instant now = Instant.now();
    String justification = to == BottleneckStatus.DEFERRED ? request.justification() : null;
    bottleneck.moveTo(to, request.actor(), justification, now);
    StatusChange change =
        StatusChange.of(
            bottleneck, from, to, request.actor(), request.reason(), justification, now);
    OutboxEvent pending =
        OutboxEvent.statusChanged(
            UUID.randomUUID(), bottleneck, from, to, request.actor(), request.reason(), now);
    return history
        .persist(change)
        .chain(() -> outbox.persist(pending))
        // Flush here, so a lost optimistic lock fails this transaction, not a later one.
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .map(ignored -> Optional.of(new Pending(change, pending)));
  }

  /** Throws if the lifecycle refuses the move; says what it would allow instead. */
  static void check(TrackedBottleneck bottleneck, TransitionRequest request) {
    BottleneckStatus from = bottleneck.status();
    BottleneckStatus to = request.to();
    List<BottleneckStatus> allowed = Lifecycle.allowedThroughApi(from, bottleneck.severity());
    String id = bottleneck.humanId();
    if (request.expectedFrom() != null && request.expectedFrom() != from) {
      throw new TransitionRefused(
          Reason.CONFLICT,
          id,
          from,
          to,
          bottleneck.severity(),
          allowed,
          id + " is " + from + ", not " + request.expectedFrom() + " as the request expected.");
    }
    if (!Lifecycle.allows(from, to)) {
      throw new TransitionRefused(
          Reason.NOT_ALLOWED,
          id,
          from,
          to,
          bottleneck.severity(),
          allowed,
          id + " cannot move from " + from + " to " + to + "; allowed: " + allowed + ".");
    }
    if (to == BottleneckStatus.COMPLETED) {
      throw new TransitionRefused(
          Reason.NEEDS_VALIDATION,
          id,
          from,
          to,
          bottleneck.severity(),
          allowed,
          id
              + " becomes COMPLETED only when a validation of the shipped fix measured the"
              + " improvement against the baseline; it cannot be set through the API.");
    }
    if (to == BottleneckStatus.DEFERRED && !Lifecycle.deferrable(bottleneck.severity())) {
      throw new TransitionRefused(
          Reason.NOT_DEFERRABLE,
          id,
          from,
          to,
          bottleneck.severity(),
          allowed,
          id
              + " is "
              + bottleneck.severity()
              + "; only MEDIUM and LOW bottlenecks may be deferred.");
    }
  }
}
