package io.hotpath.tracker.service;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.tracking.RollbackCompleted;
import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.config.RollbackConfig;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.RollbackCommandRepository;
import io.hotpath.tracker.rollback.Attempts;
import io.hotpath.tracker.rollback.RollbackCommand;
import io.hotpath.tracker.rollback.RollbackExecutor;
import io.hotpath.tracker.rollback.RollbackExecutors;
import io.hotpath.tracker.rollback.RollbackSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Carries out rollback commands, each command id at most once: the command is claimed (its row
 * inserted, committed) before any executor acts, so a redelivery or a second command with the same
 * id finds the claim and does nothing. The outcome is written to the row and, in the same
 * transaction, as a {@code RollbackCompleted} to the outbox; then it is published (or left for the
 * relay). Runs on a worker thread: executors block, and retries wait.
 */
@ApplicationScoped
public class RollbackExecution {
  /** The executor named in outcomes when no executor was configured for the method. */
  public static final String NONE = "rollback/none";

  private static final Logger LOG = Logger.getLogger(RollbackExecution.class);
  private static final int FINISH_RETRIES = 5;
  private static final int SWEEP_BATCH = 100;

  private final RollbackCommandRepository commands;
  private final OutboxRepository outbox;
  private final StatusChangePublisher publisher;
  private final RollbackExecutors executors;
  private final RollbackConfig config;
  private final MeterRegistry registry;

  public RollbackExecution(
      RollbackCommandRepository commands,
      OutboxRepository outbox,
      StatusChangePublisher publisher,
      RollbackExecutors executors,
      RollbackConfig config,
      MeterRegistry registry) {
    this.commands = commands;
    this.outbox = outbox;
    this.publisher = publisher;
    this.executors = executors;
    this.config = config;
    this.registry = registry;
  }

  /** Claims, executes and records one command; blocks until its outcome is committed. */
  public void execute(RollbackRequested command) throws Throwable {
    RollbackSettings settings = executors.settingsOf(command.tenant());
    Instant now = Instant.now();
    Boolean claimed =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Uni.createFrom()
                    .deferred(
                        () ->
                            Panache.withTransaction(
                                () -> commands.claim(command, settings.dryRun(), now)))
                    .onFailure()
                    .retry()
                    .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                    .atMost(FINISH_RETRIES));
    if (!claimed) {
      LOG.infof(
          "Rollback command %s of %s/%s was claimed before; not carried out again (event %s)",
          command.commandId(), command.tenant(), command.service(), command.eventId());
      VertxContextSupport.subscribeAndAwait(
          () -> Panache.withTransaction(() -> commands.countDuplicate(command.commandId())));
      return;
    }
    Attempts.Result result = run(command, settings);
    LOG.infof(
        "Rollback command %s (%s) of %s/%s: %s after %d attempts by %s: %s",
        command.commandId(),
        command.method(),
        command.tenant(),
        command.service(),
        result.outcome(),
        result.attempts(),
        result.executor(),
        result.detail());
    Counter.builder("hotpath.tracker.rollbacks")
        .description("Rollback commands carried out, by method and outcome")
        .tag("method", command.method().name())
        .tag("outcome", result.outcome().name())
        .register(registry)
        .increment();
    VertxContextSupport.subscribeAndAwait(() -> finish(command.commandId(), result));
  }

  private Attempts.Result run(RollbackRequested command, RollbackSettings settings) {
    RollbackExecutors.Choice choice = executors.choose(command, settings);
    Optional<RollbackExecutor> executor = choice.executor();
    if (settings.dryRun()) {
      return new Attempts.Result(
          executor.map(RollbackExecutor::name).orElse(NONE),
          RollbackOutcome.SKIPPED,
          "dry run: " + executor.map(e -> describe(e, command)).orElse(choice.missing()),
          0);
    }
    if (executor.isEmpty()) {
      return new Attempts.Result(NONE, RollbackOutcome.FAILED, choice.missing(), 0);
    }
    return Attempts.of(settings).run(executor.get(), command);
  }

  private static String describe(RollbackExecutor executor, RollbackRequested command) {
    try {
      return executor.describe(command);
    } catch (RuntimeException cannot) {
      return executor.name() + " would be used, but: " + cannot.getMessage();
    }
  }

  /**
   * Writes the outcome on the row and its event to the outbox in one transaction, if the row is
   * still RUNNING; then publishes the event. Retried: the effect happened, its record must not be
   * lost to a passing database hiccup.
   */
  Uni<Void> finish(String commandId, Attempts.Result result) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        commands
                            .findById(commandId)
                            .chain(
                                row -> {
                                  if (row == null
                                      || row.status() != RollbackCommand.Status.RUNNING) {
                                    LOG.warnf(
                                        "Rollback command %s was finished already; outcome %s"
                                            + " not recorded again",
                                        commandId, result.outcome());
                                    return Uni.createFrom().<OutboxEvent>nullItem();
                                  }
                                  return record(row, result);
                                })))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .atMost(FINISH_RETRIES)
        .chain(
            event ->
                event == null
                    ? Uni.createFrom().voidItem()
                    : publisher.publish(event).replaceWithVoid());
  }

  private Uni<OutboxEvent> record(RollbackCommand row, Attempts.Result result) {
    Instant now = Instant.now();
    UUID eventId = EventIds.derived(row.requestEventId(), row.commandId(), "rollback-completed");
    row.finish(
        result.executor(), result.outcome(), result.detail(), result.attempts(), eventId, now);
    RollbackCompleted completed =
        new RollbackCompleted(
            eventId,
            Events.SCHEMA_VERSION,
            row.tenant(),
            row.service(),
            row.environment(),
            row.version(),
            null,
            now,
            row.commandId(),
            row.bottleneckFingerprint(),
            result.executor(),
            result.outcome(),
            result.detail(),
            result.attempts());
    OutboxEvent event =
        OutboxEvent.of(
            Topics.ROLLBACK_OUTCOMES,
            eventId,
            row.tenant(),
            row.service(),
            EventJson.write(completed),
            now);
    return outbox.persist(event);
  }

  /**
   * Finishes commands left RUNNING longer than {@code stale-after} (the tracker stopped while one
   * ran) as FAILED. They are not run again: the rollback may have happened before the stop.
   */
  public Uni<Integer> sweepInterrupted(Instant now) {
    Instant before = now.minus(config.staleAfter());
    return Panache.withSession(() -> commands.runningSince(before, SWEEP_BATCH))
        .chain(
            ids -> {
              Uni<Void> all = Uni.createFrom().voidItem();
              for (String id : ids) {
                all =
                    all.chain(
                        () ->
                            Panache.withSession(() -> commands.findById(id))
                                .chain(
                                    row ->
                                        finish(
                                            id,
                                            new Attempts.Result(
                                                row.executor() == null ? NONE : row.executor(),
                                                RollbackOutcome.FAILED,
                                                "interrupted: the executor stopped while this"
                                                    + " command ran (claimed at "
                                                    + row.claimedAt()
                                                    + "); it is not run again since it may have"
                                                    + " acted: check "
                                                    + (row.target() == null
                                                        ? row.service()
                                                        : row.target())
                                                    + " and roll back by hand if needed",
                                                row.attempts()))));
              }
              return all.replaceWith(ids.size());
            });
  }

  /** A tenant's commands for the API, newest first. */
  public Uni<List<RollbackCommand>> ofTenant(
      String tenant, Optional<String> service, Optional<String> fingerprint, int limit) {
    return Panache.withSession(() -> commands.ofTenant(tenant, service, fingerprint, limit));
  }

  public Uni<RollbackCommand> one(String tenant, String commandId) {
    return Panache.withSession(
        () ->
            commands
                .findById(commandId)
                .map(row -> row != null && row.tenant().equals(tenant) ? row : null));
  }
}
