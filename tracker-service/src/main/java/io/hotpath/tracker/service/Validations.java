package io.hotpath.tracker.service;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.config.RuleLimits;
import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.MeasuredBaselineRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.hotpath.tracker.repository.ProcessedEventRepository;
import io.hotpath.tracker.repository.StatusHistoryRepository;
import io.hotpath.tracker.repository.ValidationRunRepository;
import io.hotpath.tracker.validation.ValidationRules;
import io.hotpath.tracker.validation.ValidationRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Validates shipped fixes. A deployment that carries optimizations starts a PENDING validation per
 * tracked bottleneck (moving a NOT_STARTED, FAILED or ROLLED_BACK one to IN_PROGRESS, actor {@code
 * deployment}); once enough telemetry of the new version arrived, or the wait timed out, the run is
 * decided under {@link ValidationRules} against the previous version's measured baseline. PASSED
 * completes the bottleneck with the measured improvement (actor {@code validation}); FAILED fails
 * it with the reasons and, where the plan's rollback is automated, writes a {@code
 * RollbackRequested} into the outbox in the same transaction.
 */
@ApplicationScoped
public class Validations {
  public static final String DEPLOYMENTS_CONSUMER = "tracker.deployments";
  public static final String DEPLOYMENT = "deployment";
  public static final String VALIDATION = "validation";

  private static final Logger LOG = Logger.getLogger(Validations.class);
  private static final int LOCK_RETRIES = 5;
  private static final int TIMER_BATCH = 100;

  private final BottleneckRepository bottlenecks;
  private final PlanRepository plans;
  private final StatusHistoryRepository history;
  private final OutboxRepository outbox;
  private final ProcessedEventRepository processed;
  private final ValidationRunRepository runs;
  private final MeasuredBaselineRepository baselines;
  private final StatusChangePublisher publisher;
  private final TrackerConfig config;
  private final MeterRegistry registry;

  public Validations(
      BottleneckRepository bottlenecks,
      PlanRepository plans,
      StatusHistoryRepository history,
      OutboxRepository outbox,
      ProcessedEventRepository processed,
      ValidationRunRepository runs,
      MeasuredBaselineRepository baselines,
      StatusChangePublisher publisher,
      TrackerConfig config,
      MeterRegistry registry) {
    this.registry = registry;
    this.bottlenecks = bottlenecks;
    this.plans = plans;
    this.history = history;
    this.outbox = outbox;
    this.processed = processed;
    this.runs = runs;
    this.baselines = baselines;
    this.publisher = publisher;
    this.config = config;
  }

  /**
   * Starts the validations of what the deployment carries, once (processed_event); then decides
   * those whose telemetry is already in.
   */
  public Uni<Void> recordDeployment(DeploymentRecorded event) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        processed
                            .once(DEPLOYMENTS_CONSUMER, event.eventId(), () -> start(event))
                            .onItem()
                            .ifNull()
                            .continueWith(List::of)))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES)
        .chain(this::publishAll)
        .chain(
            () ->
                validateReady(
                    new MeasuredBaseline.Key(
                        event.tenant(), event.service(), event.environment(), event.version())));
  }

  /** Decides the pending validations of this version that have enough telemetry now. */
  public Uni<Void> validateReady(MeasuredBaseline.Key key) {
    return Panache.withSession(
            () -> runs.pendingOf(key.tenant(), key.service(), key.environment(), key.version()))
        .chain(this::validateEach);
  }

  /**
   * The same for the versions a poll of telemetry changed: one query per tenant finds the runs
   * waiting for any of them.
   */
  public Uni<Void> validateReady(Collection<MeasuredBaseline.Key> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Set<MeasuredBaseline.Key>> byTenant = new LinkedHashMap<>();
    keys.forEach(k -> byTenant.computeIfAbsent(k.tenant(), t -> new HashSet<>()).add(k));
    return Panache.withSession(
            () ->
                Multi.createFrom()
                    .iterable(byTenant.entrySet())
                    .onItem()
                    .transformToUniAndConcatenate(e -> runs.pendingOf(e.getKey(), e.getValue()))
                    .collect()
                    .in(ArrayList<Long>::new, List::addAll))
        .chain(this::validateEach);
  }

  /** For the timer: decides every pending validation that is ready or has waited too long. */
  public Uni<Void> validateDue() {
    return Panache.withSession(() -> runs.pending(TIMER_BATCH)).chain(this::validateEach);
  }

  private Uni<Void> validateEach(List<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(ids)
        .onItem()
        .transformToUniAndConcatenate(id -> validate(id, Instant.now()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * Decides one run if it is still pending and ready, or timed out at {@code now}; publishes what
   * it wrote.
   */
  public Uni<Void> validate(long runId, Instant now) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        runs.withBottleneck(runId)
                            .chain(
                                run ->
                                    run == null || run.status() != ValidationRun.Status.PENDING
                                        ? Uni.createFrom().item(List.<OutboxEvent>of())
                                        : load(run, now))))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES)
        .chain(this::publishAll);
  }

  private Uni<List<OutboxEvent>> load(ValidationRun run, Instant now) {
    MeasuredBaseline.Key afterKey =
        new MeasuredBaseline.Key(run.tenant(), run.service(), run.environment(), run.version());
    MeasuredBaseline.Key beforeKey =
        new MeasuredBaseline.Key(
            run.tenant(), run.service(), run.environment(), run.previousVersion());
    return baselines
        .findById(afterKey)
        .chain(
            after ->
                baselines
                    .findById(beforeKey)
                    .chain(
                        before ->
                            plans
                                .findById(new PlanKey(run.tenant(), run.bottleneck().fingerprint()))
                                .chain(plan -> decide(run, before, after, plan, now))));
  }

  private Uni<List<OutboxEvent>> decide(
      ValidationRun run,
      MeasuredBaseline before,
      MeasuredBaseline after,
      TrackedPlan plan,
      Instant now) {
    TrackerConfig.Validation rules = config.validation();
    TrackedBottleneck b = run.bottleneck();
    // A slow query's fix is measured on query statistics: wait for those too.
    boolean needsQueries = b.type() == BottleneckType.SLOW_QUERY;
    boolean timedOut = !run.createdAt().plus(rules.timeout()).isAfter(now);
    ValidationRules.Target target =
        ValidationRules.targetOf(
            b.type(), b.location(), RuleLimits.minimums(config, run.tenant(), run.service()));
    // A cache's or a lock's fix also waits for enough cache requests or lock profiles.
    String lacking = after == null ? null : target.lackingIn(after.figures());
    boolean enough =
        after != null
            && after.totals().startupReports() >= rules.minStartupReports()
            && after.totals().endpointWindows() >= rules.minEndpointWindows()
            && (!needsQueries || after.totals().queryWindows() >= rules.minQueryWindows())
            && lacking == null;
    if (!timedOut && (!enough || before == null)) {
      return Uni.createFrom().item(List.of());
    }
    if (before == null) {
      run.inconclusive(
          "no telemetry of the previous version "
              + run.previousVersion()
              + " in "
              + run.environment()
              + ": nothing to compare with",
          now);
      return Uni.createFrom().item(List.of());
    }
    if (after == null) {
      run.inconclusive(
          "no telemetry of " + run.version() + " arrived within " + rules.timeout(), now);
      return Uni.createFrom().item(List.of());
    }
    ValidationRules.Result result =
        ValidationRules.validate(
            run.previousVersion(),
            before.figures(),
            run.version(),
            after.figures(),
            target,
            RuleLimits.validation(config, run.tenant(), run.service()));
    List<String> notes = new ArrayList<>(result.notes());
    if (plan != null) {
      String planNote =
          ValidationRules.planTargetNote(
              b.type(),
              plan.validationMetric(),
              plan.validationTarget(),
              result.after(),
              result.unit());
      if (planNote != null) {
        notes.add(planNote);
      }
    }
    if (!enough) {
      notes.add(
          String.format(
              Locale.ROOT,
              "decided after the %s timeout with %d startup reports and %d endpoint windows%s%s",
              rules.timeout(),
              after.totals().startupReports(),
              after.totals().endpointWindows(),
              needsQueries
                  ? String.format(
                      Locale.ROOT, " and %d query windows", after.totals().queryWindows())
                  : "",
              lacking == null ? "" : " (" + lacking + ")"));
    }
    result =
        new ValidationRules.Result(
            result.verdict(),
            result.reasons(),
            notes,
            result.checks(),
            result.improvement(),
            result.metric(),
            result.unit(),
            result.before(),
            result.after());
    run.decided(result, now);
    Counter.builder("hotpath.tracker.validations")
        .description("Validations of shipped fixes, by verdict")
        .tag("verdict", result.verdict().name())
        .register(registry)
        .increment();
    LOG.infof(
        "Validation %d of %s (%s/%s %s against %s): %s %s",
        run.id(),
        b.humanId(),
        run.tenant(),
        run.service(),
        run.version(),
        run.previousVersion(),
        result.verdict(),
        result.reasons());
    List<OutboxEvent> events = new ArrayList<>();
    Uni<Void> effects = Uni.createFrom().voidItem();
    if (b.status() != BottleneckStatus.IN_PROGRESS
        && result.verdict() != ValidationRules.Verdict.INCONCLUSIVE) {
      LOG.infof(
          "%s is %s, not IN_PROGRESS; validation %d changes no status",
          b.humanId(), b.status(), run.id());
    } else if (result.verdict() == ValidationRules.Verdict.PASSED) {
      ValidationRules.Improvement gained = result.improvement();
      b.improved(gained.metric(), gained.unit(), gained.before(), gained.after(), run.id());
      String reason =
          String.format(
              Locale.ROOT,
              "validated %s against %s: %s %s -> %s %s (-%s %%)",
              run.version(),
              run.previousVersion(),
              gained.metric(),
              num(gained.before()),
              num(gained.after()),
              gained.unit(),
              num(gained.percent()));
      effects = move(b, BottleneckStatus.COMPLETED, reason, now, events);
    } else if (result.verdict() == ValidationRules.Verdict.FAILED) {
      String reason =
          "validation of "
              + run.version()
              + " against "
              + run.previousVersion()
              + " failed: "
              + String.join("; ", result.reasons());
      effects = move(b, BottleneckStatus.FAILED, reason, now, events);
      if (plan != null && plan.rollbackAutomated()) {
        RollbackRequested command = rollback(run, plan, reason, now);
        run.rollbackRequested(command.eventId());
        OutboxEvent rollback = OutboxEvent.rollbackRequested(command, now);
        events.add(rollback);
        effects = effects.chain(() -> outbox.persist(rollback)).replaceWithVoid();
      }
    }
    return effects
        // Flush here, so a lost optimistic lock fails this transaction and it is run again.
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .replaceWith(events);
  }

  private Uni<Void> move(
      TrackedBottleneck b,
      BottleneckStatus to,
      String reason,
      Instant now,
      List<OutboxEvent> events) {
    BottleneckStatus from = b.status();
    b.moveTo(to, VALIDATION, null, now);
    OutboxEvent announced =
        OutboxEvent.statusChanged(UUID.randomUUID(), b, from, to, VALIDATION, reason, now);
    events.add(announced);
    return history
        .persist(StatusChange.of(b, from, to, VALIDATION, reason, now))
        .chain(() -> outbox.persist(announced))
        .replaceWithVoid();
  }

  private static RollbackRequested rollback(
      ValidationRun run, TrackedPlan plan, String reason, Instant now) {
    String fingerprint = run.bottleneck().fingerprint();
    UUID eventId = EventIds.derived(run.deploymentEventId(), fingerprint, "rollback");
    return new RollbackRequested(
        eventId,
        Events.SCHEMA_VERSION,
        run.tenant(),
        run.service(),
        run.environment(),
        run.version(),
        null,
        now,
        "validation-" + run.id(),
        fingerprint,
        plan.rollbackMethod(),
        run.service(),
        run.rollbackTarget() != null ? run.rollbackTarget() : run.previousVersion(),
        reason,
        "validation:" + run.id());
  }

  private Uni<List<OutboxEvent>> start(DeploymentRecorded event) {
    Instant now = Instant.now();
    Set<Long> seen = new HashSet<>();
    List<OutboxEvent> events = new ArrayList<>();
    return Multi.createFrom()
        .iterable(
            event.optimizationIds().stream().filter(id -> id != null && !id.isBlank()).toList())
        .onItem()
        .transformToUniAndConcatenate(
            id ->
                resolve(event.tenant(), id.trim())
                    .chain(
                        b -> {
                          if (b == null || !b.service().equals(event.service())) {
                            LOG.warnf(
                                "Deployment %s of %s/%s %s carries %s, which is no tracked"
                                    + " bottleneck of that service; not validated",
                                event.eventId(),
                                event.tenant(),
                                event.service(),
                                event.version(),
                                id);
                            return Uni.createFrom().voidItem();
                          }
                          if (!seen.add(b.id())) {
                            return Uni.createFrom().voidItem();
                          }
                          return startOne(event, id.trim(), b, now, events);
                        }))
        .collect()
        .last()
        .replaceWith(events);
  }

  private Uni<Void> startOne(
      DeploymentRecorded event,
      String optimizationId,
      TrackedBottleneck b,
      Instant now,
      List<OutboxEvent> events) {
    Uni<Void> moved = Uni.createFrom().voidItem();
    BottleneckStatus from = b.status();
    if (from == BottleneckStatus.NOT_STARTED
        || from == BottleneckStatus.FAILED
        || from == BottleneckStatus.ROLLED_BACK) {
      String reason =
          "shipped in " + event.version() + " (" + event.environment() + ", deployment)";
      b.moveTo(BottleneckStatus.IN_PROGRESS, DEPLOYMENT, null, now);
      OutboxEvent announced =
          OutboxEvent.statusChanged(
              EventIds.derived(event.eventId(), b.fingerprint(), "in-progress"),
              b,
              from,
              BottleneckStatus.IN_PROGRESS,
              DEPLOYMENT,
              reason,
              now);
      events.add(announced);
      moved =
          history
              .persist(
                  StatusChange.of(b, from, BottleneckStatus.IN_PROGRESS, DEPLOYMENT, reason, now))
              .chain(() -> outbox.persist(announced))
              .replaceWithVoid();
    }
    ValidationRun run =
        ValidationRun.pending(
            b,
            event.environment(),
            event.version(),
            event.previousVersion(),
            event.eventId(),
            optimizationId,
            event.rollbackTarget(),
            event.eventTime(),
            now);
    if (event.previousVersion() == null || event.previousVersion().isBlank()) {
      run.inconclusive("a first deployment: no previous version to compare with", now);
    }
    return moved
        .chain(() -> runs.persist(run))
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .replaceWithVoid();
  }

  /**
   * A bottleneck named by human id ({@code BTLNK-007}), fingerprint, or plan id; null if none.
   * Deployments name their optimizations this way, and so may alerts.
   */
  public Uni<TrackedBottleneck> resolve(String tenant, String id) {
    if (id.matches("(?i)BTLNK-\\d+")) {
      return bottlenecks.findByHumanId(tenant, id.toUpperCase(Locale.ROOT));
    }
    return bottlenecks
        .findByFingerprint(tenant, id)
        .chain(
            found ->
                found != null
                    ? Uni.createFrom().item(found)
                    : plans
                        .find("key.tenant = ?1 and planId = ?2", tenant, id)
                        .firstResult()
                        .chain(
                            plan ->
                                plan == null
                                    ? Uni.createFrom().<TrackedBottleneck>nullItem()
                                    : bottlenecks.findByFingerprint(
                                        tenant, plan.key().bottleneckFingerprint())));
  }

  private Uni<Void> publishAll(List<OutboxEvent> events) {
    if (events == null || events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(events)
        .onItem()
        .transformToUniAndConcatenate(publisher::publish)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static String num(double value) {
    double r = Math.round(value * 1000.0) / 1000.0;
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
