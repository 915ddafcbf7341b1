package io.hotpath.tracker.service;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.contracts.tracking.RollbackCompleted;
import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.tracker.matrix.Lifecycle;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.ProcessedEventRepository;
import io.hotpath.tracker.repository.RollbackCommandRepository;
import io.hotpath.tracker.repository.StatusHistoryRepository;
import io.hotpath.tracker.rollback.RollbackCommand;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies rollback outcomes to the matrix. SUCCEEDED moves the bottleneck to ROLLED_BACK (from
 * IN_PROGRESS, COMPLETED or FAILED) with a history entry by the executor, whose reason carries the
 * command's reason, its id and the outcome's detail, and the usual status event. FAILED and SKIPPED
 * (and a SUCCEEDED the lifecycle does not allow) leave the status as it is and add a history entry
 * from the status to itself that says so. Once per outcome event id.
 */
@ApplicationScoped
public class RollbackOutcomes {
  public static final String OUTCOMES_CONSUMER = "tracker.rollback-outcomes";

  private static final Logger LOG = Logger.getLogger(RollbackOutcomes.class);
  private static final int LOCK_RETRIES = 5;
  private static final int ACTOR_MAX = 128;

  private final BottleneckRepository bottlenecks;
  private final StatusHistoryRepository history;
  private final OutboxRepository outbox;
  private final ProcessedEventRepository processed;
  private final RollbackCommandRepository commands;
  private final StatusChangePublisher publisher;

  public RollbackOutcomes(
      BottleneckRepository bottlenecks,
      StatusHistoryRepository history,
      OutboxRepository outbox,
      ProcessedEventRepository processed,
      RollbackCommandRepository commands,
      StatusChangePublisher publisher) {
    this.bottlenecks = bottlenecks;
    this.history = history;
    this.outbox = outbox;
    this.processed = processed;
    this.commands = commands;
    this.publisher = publisher;
  }

  public Uni<Void> apply(RollbackCompleted outcome) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        processed.once(
                            OUTCOMES_CONSUMER, outcome.eventId(), () -> applyOnce(outcome))))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES)
        .chain(
            announced ->
                announced == null
                    ? Uni.createFrom().voidItem()
                    : publisher.publish(announced).replaceWithVoid());
  }

  private Uni<OutboxEvent> applyOnce(RollbackCompleted outcome) {
    return bottlenecks
        .findByFingerprint(outcome.tenant(), outcome.bottleneckFingerprint())
        .chain(
            b -> {
              if (b == null) {
                LOG.warnf(
                    "Rollback outcome %s of command %s names no tracked bottleneck of %s; ignored",
                    outcome.outcome(), outcome.commandId(), outcome.tenant());
                return Uni.createFrom().nullItem();
              }
              return commands
                  .findById(outcome.commandId())
                  .chain(command -> record(b, outcome, command));
            })
        // Flush here, so a lost optimistic lock fails this transaction and it is run again.
        .call(() -> Panache.getSession().chain(session -> session.flush()));
  }

  private Uni<OutboxEvent> record(
      TrackedBottleneck b, RollbackCompleted outcome, RollbackCommand command) {
    Instant now = Instant.now();
    String actor = actorOf(outcome.executor());
    String why =
        command == null || !command.tenant().equals(outcome.tenant()) ? null : command.reason();
    BottleneckStatus from = b.status();
    boolean moves =
        outcome.outcome() == RollbackOutcome.SUCCEEDED
            && Lifecycle.allows(from, BottleneckStatus.ROLLED_BACK);
    String detail = outcome.detail() == null || outcome.detail().isBlank() ? "" : outcome.detail();
    if (moves) {
      String reason =
          "rolled back"
              + (why == null ? "" : " after: " + why)
              + " (command "
              + outcome.commandId()
              + ")"
              + (detail.isEmpty() ? "" : ": " + detail);
      b.moveTo(BottleneckStatus.ROLLED_BACK, actor, null, now);
      OutboxEvent announced =
          OutboxEvent.statusChanged(
              EventIds.derived(outcome.eventId(), "rolled-back"),
              b,
              from,
              BottleneckStatus.ROLLED_BACK,
              actor,
              reason,
              now);
      LOG.infof("%s of %s rolled back by %s", b.humanId(), b.tenant(), actor);
      return history
          .persist(StatusChange.of(b, from, BottleneckStatus.ROLLED_BACK, actor, reason, now))
          .chain(() -> outbox.persist(announced));
    }
    String reason =
        "rollback "
            + outcome.outcome()
            + " (command "
            + outcome.commandId()
            + ")"
            + (detail.isEmpty() ? "" : ": " + detail)
            + (why == null ? "" : "; requested after: " + why)
            + (outcome.outcome() == RollbackOutcome.SUCCEEDED
                ? "; status " + from + " kept: ROLLED_BACK does not follow it"
                : "");
    LOG.infof(
        "%s of %s: rollback %s, status %s kept", b.humanId(), b.tenant(), outcome.outcome(), from);
    return history
        .persist(StatusChange.of(b, from, from, actor, reason, now))
        .replaceWith((OutboxEvent) null);
  }

  private static String actorOf(String executor) {
    return executor.length() > ACTOR_MAX ? executor.substring(0, ACTOR_MAX) : executor;
  }
}
