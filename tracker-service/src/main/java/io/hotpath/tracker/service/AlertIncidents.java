package io.hotpath.tracker.service;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.alert.AlertIncident;
import io.hotpath.tracker.alert.AlertLabels;
import io.hotpath.tracker.alert.AlertmanagerNotification;
import io.hotpath.tracker.alert.IncidentFix;
import io.hotpath.tracker.alert.RollbackRules;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.messaging.StatusChangePublisher;
import io.hotpath.tracker.repository.AlertIncidentRepository;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.DeployedFixRepository;
import io.hotpath.tracker.repository.IncidentFixRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.hotpath.tracker.validation.ValidationRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Turns Alertmanager notifications into incidents. Each alert is one incident per (tenant, group
 * key, fingerprint): a repeat notification changes nothing, a resolved one closes it. A new alert
 * is correlated with the latest deployment that shipped tracked fixes of its service (or with the
 * fix its {@code hotpath_optimization} label names); when it fires and a rollback rule allows it,
 * each correlated fix whose plan has an automated rollback gets a {@code RollbackRequested} in the
 * outbox, in the transaction that records the incident, and is sent after the commit.
 */
@ApplicationScoped
public class AlertIncidents {
  private static final Logger LOG = Logger.getLogger(AlertIncidents.class);
  private static final int RETRIES = 5;

  /** The labels a rollback command's reason repeats, when the alert has them. */
  private static final List<String> REASON_LABELS =
      List.of(
          "service",
          "namespace",
          "deployment",
          "version",
          "environment",
          "severity",
          AlertLabels.OPTIMIZATION);

  /** What happened to an incident on this notification. */
  public enum Change {
    CREATED,
    RESOLVED,
    REOPENED,
    UNCHANGED
  }

  /** A rollback command an incident requested, and whether Kafka acknowledged it already. */
  public record Command(
      String commandId, UUID eventId, String humanId, String fingerprint, Boolean published) {}

  /** One alert of the notification, as recorded. */
  public record Received(AlertIncident incident, Change change, List<Command> commands) {}

  /** An incident with the fixes it was correlated with. */
  public record IncidentRecord(AlertIncident incident, List<IncidentFix> fixes) {}

  private record Correlation(
      boolean matched, String note, ValidationRun deployment, List<ValidationRun> fixes) {
    static Correlation none(String note) {
      return new Correlation(false, note, null, List.of());
    }
  }

  private record Applied(List<Received> received, List<OutboxEvent> events) {}

  private final AlertIncidentRepository incidents;
  private final IncidentFixRepository fixes;
  private final DeployedFixRepository deployed;
  private final BottleneckRepository bottlenecks;
  private final PlanRepository plans;
  private final OutboxRepository outbox;
  private final Validations validations;
  private final RollbackRules rules;
  private final StatusChangePublisher publisher;
  private final MeterRegistry registry;

  public AlertIncidents(
      AlertIncidentRepository incidents,
      IncidentFixRepository fixes,
      DeployedFixRepository deployed,
      BottleneckRepository bottlenecks,
      PlanRepository plans,
      OutboxRepository outbox,
      Validations validations,
      RollbackRules rules,
      StatusChangePublisher publisher,
      MeterRegistry registry) {
    this.incidents = incidents;
    this.fixes = fixes;
    this.deployed = deployed;
    this.bottlenecks = bottlenecks;
    this.plans = plans;
    this.outbox = outbox;
    this.validations = validations;
    this.rules = rules;
    this.publisher = publisher;
    this.registry = registry;
  }

  /**
   * Records every alert of the notification in one transaction (all or nothing), then sends the
   * rollback commands it wrote. A concurrent copy of the same notification loses on the unique key
   * and is run again, then finds the incidents recorded.
   */
  public Uni<List<Received>> receive(String tenant, AlertmanagerNotification notification) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Instant now = Instant.now();
              return Panache.withTransaction(() -> applyAll(tenant, notification, now));
            })
        .onFailure(AlertIncidents::retryable)
        .retry()
        .atMost(RETRIES)
        .chain(this::publishAll);
  }

  /** The tenant's incidents, newest first, with their fixes. */
  public Uni<List<IncidentRecord>> latest(
      String tenant, Optional<AlertIncident.Status> status, Optional<String> service, int limit) {
    return Panache.withSession(
        () -> incidents.latest(tenant, status, service, limit).chain(this::withFixes));
  }

  /** One incident of the tenant, or empty. */
  public Uni<Optional<IncidentRecord>> one(String tenant, long id) {
    return Panache.withSession(
        () ->
            incidents
                .find("tenant = ?1 and id = ?2", tenant, id)
                .firstResult()
                .chain(
                    found ->
                        found == null
                            ? Uni.createFrom().item(Optional.<IncidentRecord>empty())
                            : withFixes(List.of(found)).map(list -> Optional.of(list.get(0)))));
  }

  /**
   * The incidents correlated with one bottleneck of the tenant, newest first; empty if the tenant
   * has no such bottleneck.
   */
  public Uni<Optional<List<IncidentRecord>>> ofBottleneck(
      String tenant, String humanId, int limit) {
    return Panache.withSession(
        () ->
            bottlenecks
                .findByHumanId(tenant, humanId)
                .chain(
                    b ->
                        b == null
                            ? Uni.createFrom().item(Optional.<List<IncidentRecord>>empty())
                            : fixes
                                .incidentsOf(b.id(), limit)
                                .chain(
                                    ids ->
                                        ids.isEmpty()
                                            ? Uni.createFrom().item(List.<AlertIncident>of())
                                            : incidents.list(
                                                "id in ?1 order by createdAt desc, id desc", ids))
                                .chain(this::withFixes)
                                .map(Optional::of)));
  }

  private Uni<List<IncidentRecord>> withFixes(List<AlertIncident> found) {
    if (found.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return fixes
        .ofIncidents(found.stream().map(AlertIncident::id).toList())
        .map(
            all -> {
              Map<Long, List<IncidentFix>> byIncident = new LinkedHashMap<>();
              for (IncidentFix fix : all) {
                byIncident.computeIfAbsent(fix.incident().id(), id -> new ArrayList<>()).add(fix);
              }
              return found.stream()
                  .map(i -> new IncidentRecord(i, byIncident.getOrDefault(i.id(), List.of())))
                  .toList();
            });
  }

  private Uni<Applied> applyAll(String tenant, AlertmanagerNotification notification, Instant now) {
    List<Received> received = new ArrayList<>();
    List<OutboxEvent> events = new ArrayList<>();
    if (notification.alerts().isEmpty()) {
      return Uni.createFrom().item(new Applied(received, events));
    }
    return Multi.createFrom()
        .iterable(notification.alerts())
        .onItem()
        .transformToUniAndConcatenate(
            alert -> applyOne(tenant, notification, alert, now, events).invoke(received::add))
        .collect()
        .last()
        .replaceWith(() -> new Applied(received, events));
  }

  private Uni<Received> applyOne(
      String tenant,
      AlertmanagerNotification notification,
      AlertmanagerNotification.Alert alert,
      Instant now,
      List<OutboxEvent> events) {
    return incidents
        .findByKey(tenant, notification.groupKey(), alert.fingerprint())
        .chain(
            existing -> {
              if (existing == null) {
                return create(tenant, notification, alert, now, events);
              }
              Change change;
              if (alert.firing()) {
                change = existing.reopen(alert, now) ? Change.REOPENED : Change.UNCHANGED;
              } else {
                change = existing.resolve(alert, now) ? Change.RESOLVED : Change.UNCHANGED;
              }
              if (change != Change.UNCHANGED) {
                LOG.infof(
                    "Incident %d (%s, %s) %s", existing.id(), tenant, existing.alertname(), change);
              }
              count(change);
              return Uni.createFrom().item(new Received(existing, change, List.of()));
            });
  }

  private Uni<Received> create(
      String tenant,
      AlertmanagerNotification notification,
      AlertmanagerNotification.Alert alert,
      Instant now,
      List<OutboxEvent> events) {
    String service = AlertLabels.service(alert);
    AlertIncident incident = AlertIncident.received(tenant, notification, alert, service, now);
    return correlate(tenant, alert, service)
        .chain(
            correlation -> {
              incident.correlated(
                  correlation.matched(),
                  correlation.note(),
                  correlation.deployment() == null
                      ? null
                      : correlation.deployment().deploymentEventId(),
                  correlation.deployment() == null ? null : correlation.deployment().version());
              Optional<RollbackRules.Rule> rule =
                  alert.firing() ? rules.allowing(alert.labels()) : Optional.empty();
              incident.rollback(rule.map(RollbackRules.Rule::name).orElse(null), "");
              List<Command> commands = new ArrayList<>();
              List<String> outcomes = new ArrayList<>();
              return incidents
                  .persist(incident)
                  .chain(
                      () ->
                          Multi.createFrom()
                              .iterable(correlation.fixes())
                              .onItem()
                              .transformToUniAndConcatenate(
                                  run ->
                                      fix(incident, alert, run, rule, now, events, commands)
                                          .invoke(outcomes::add))
                              .collect()
                              .asList())
                  .invoke(
                      () ->
                          incident.rollback(
                              rule.map(RollbackRules.Rule::name).orElse(null),
                              rollbackNote(alert, correlation, rule, outcomes)))
                  .call(() -> Panache.getSession().chain(session -> session.flush()))
                  .map(
                      done -> {
                        LOG.infof(
                            "Incident %d of %s: %s %s, %s; %s",
                            incident.id(),
                            tenant,
                            incident.alertname(),
                            incident.status(),
                            incident.correlationNote(),
                            incident.rollbackNote());
                        count(Change.CREATED);
                        return new Received(incident, Change.CREATED, commands);
                      });
            });
  }

  /** Records one correlated fix and, where allowed and automated, its rollback command. */
  private Uni<String> fix(
      AlertIncident incident,
      AlertmanagerNotification.Alert alert,
      ValidationRun run,
      Optional<RollbackRules.Rule> rule,
      Instant now,
      List<OutboxEvent> events,
      List<Command> commands) {
    TrackedBottleneck b = run.bottleneck();
    return plans
        .findById(new PlanKey(incident.tenant(), b.fingerprint()))
        .chain(
            plan -> {
              String refusal = refusal(alert, rule, b, plan);
              if (refusal != null) {
                return fixes
                    .persist(IncidentFix.noRollback(incident, b, refusal, now))
                    .replaceWith(b.humanId() + ": " + refusal);
              }
              return fixes
                  .commandFor(b.id(), run.deploymentEventId())
                  .chain(
                      earlier -> {
                        if (earlier != null) {
                          String note =
                              "rollback already requested by incident "
                                  + earlier.incident().id()
                                  + " ("
                                  + earlier.commandId()
                                  + ")";
                          return fixes
                              .persist(IncidentFix.noRollback(incident, b, note, now))
                              .replaceWith(b.humanId() + ": " + note);
                        }
                        RollbackRequested command =
                            command(incident, alert, run, plan, rule.get(), now);
                        OutboxEvent event = OutboxEvent.rollbackRequested(command, now);
                        events.add(event);
                        commands.add(
                            new Command(
                                command.commandId(),
                                command.eventId(),
                                b.humanId(),
                                b.fingerprint(),
                                null));
                        return outbox
                            .persist(event)
                            .chain(
                                () ->
                                    fixes.persist(
                                        IncidentFix.rollbackRequested(
                                            incident,
                                            b,
                                            command.commandId(),
                                            command.eventId(),
                                            command.method(),
                                            command.rollbackTo(),
                                            command.reason(),
                                            now)))
                            .replaceWith(
                                b.humanId() + ": rollback requested (" + command.commandId() + ")");
                      });
            });
  }

  /** Why this fix gets no rollback command, or null if it gets one. */
  private String refusal(
      AlertmanagerNotification.Alert alert,
      Optional<RollbackRules.Rule> rule,
      TrackedBottleneck b,
      TrackedPlan plan) {
    if (!alert.firing()) {
      return "the alert was already resolved when it arrived";
    }
    if (rule.isEmpty()) {
      return noRuleNote();
    }
    if (plan == null) {
      return "no plan for " + b.humanId() + ": no rollback method known";
    }
    if (!plan.rollbackAutomated()) {
      return "the plan's rollback ("
          + plan.rollbackMethod()
          + ") is manual: "
          + String.join("; ", plan.rollbackSteps());
    }
    return null;
  }

  private String noRuleNote() {
    if (rules.rules().isEmpty()) {
      return "no rollback rules are configured: alerts are recorded only";
    }
    return "no rollback rule allows this alert (rules: "
        + rules.rules().stream().map(RollbackRules.Rule::name).collect(Collectors.joining(", "))
        + ")";
  }

  private String rollbackNote(
      AlertmanagerNotification.Alert alert,
      Correlation correlation,
      Optional<RollbackRules.Rule> rule,
      List<String> outcomes) {
    if (!correlation.matched()) {
      return "nothing to roll back: no fix correlated";
    }
    if (!alert.firing()) {
      return "the alert was already resolved when it arrived: no rollback";
    }
    if (rule.isEmpty()) {
      return noRuleNote();
    }
    return "rule " + rule.get().name() + " allows rollback; " + String.join("; ", outcomes);
  }

  private RollbackRequested command(
      AlertIncident incident,
      AlertmanagerNotification.Alert alert,
      ValidationRun run,
      TrackedPlan plan,
      RollbackRules.Rule rule,
      Instant now) {
    TrackedBottleneck b = run.bottleneck();
    String commandId = commandId(incident, b.fingerprint());
    UUID eventId =
        UUID.nameUUIDFromBytes(
            ("rollback-requested|" + commandId).getBytes(StandardCharsets.UTF_8));
    String target =
        incident.namespace() != null && incident.deployment() != null
            ? incident.namespace() + "/" + incident.deployment()
            : run.service();
    String rollbackTo = run.rollbackTarget() != null ? run.rollbackTarget() : run.previousVersion();
    return new RollbackRequested(
        eventId,
        Events.SCHEMA_VERSION,
        incident.tenant(),
        run.service(),
        run.environment(),
        run.version(),
        null,
        now,
        commandId,
        b.fingerprint(),
        plan.rollbackMethod(),
        target,
        rollbackTo,
        reason(alert, rule, b, run),
        incident.incidentKey());
  }

  /** Deterministic per (incident, fix): one incident never yields two commands for one fix. */
  public static String commandId(AlertIncident incident, String bottleneckFingerprint) {
    return "alert-"
        + Fingerprints.sha256Hex(
                incident.tenant()
                    + "|"
                    + incident.groupKey()
                    + "|"
                    + incident.fingerprint()
                    + "|"
                    + bottleneckFingerprint)
            .substring(0, 40);
  }

  static String reason(
      AlertmanagerNotification.Alert alert,
      RollbackRules.Rule rule,
      TrackedBottleneck b,
      ValidationRun run) {
    StringBuilder reason =
        new StringBuilder("alert ")
            .append(alert.alertname() == null ? "(no alertname)" : alert.alertname())
            .append(" firing since ")
            .append(alert.startsAt());
    List<String> labels = new ArrayList<>();
    for (String name : REASON_LABELS) {
      String value = alert.label(name);
      if (value != null) {
        labels.add(name + "=" + value);
      }
    }
    if (!labels.isEmpty()) {
      reason.append(" (").append(String.join(", ", labels)).append(')');
    }
    String summary = alert.annotations().get("summary");
    if (summary != null && !summary.isBlank()) {
      reason.append(": ").append(summary.trim());
    }
    reason
        .append("; rule ")
        .append(rule.name())
        .append("; rolls back ")
        .append(b.humanId())
        .append(" shipped in ")
        .append(run.version());
    return reason.toString();
  }

  private Uni<Correlation> correlate(
      String tenant, AlertmanagerNotification.Alert alert, String service) {
    String version = alert.label(AlertLabels.VERSION);
    String environment = alert.label(AlertLabels.ENVIRONMENT);
    String optimization = alert.label(AlertLabels.OPTIMIZATION);
    String scope =
        (version == null ? "" : " version " + version)
            + (environment == null ? "" : " in " + environment);
    if (optimization != null) {
      return validations
          .resolve(tenant, optimization)
          .chain(
              b -> {
                if (b == null) {
                  return Uni.createFrom()
                      .item(
                          Correlation.none(
                              AlertLabels.OPTIMIZATION
                                  + "="
                                  + optimization
                                  + " names no tracked bottleneck"));
                }
                if (service != null && !service.equals(b.service())) {
                  return Uni.createFrom()
                      .item(
                          Correlation.none(
                              AlertLabels.OPTIMIZATION
                                  + "="
                                  + optimization
                                  + " is "
                                  + b.humanId()
                                  + " of service "
                                  + b.service()
                                  + ", but the alert is about service "
                                  + service));
                }
                return deployed
                    .latest(tenant, b.service(), version, environment, b.id())
                    .map(
                        run ->
                            run == null
                                ? Correlation.none(
                                    "no deployment of "
                                        + b.service()
                                        + scope
                                        + " shipped "
                                        + b.humanId())
                                : new Correlation(
                                    true,
                                    AlertLabels.OPTIMIZATION
                                        + "="
                                        + optimization
                                        + ": "
                                        + b.humanId()
                                        + ", "
                                        + shipped(run, List.of(run)),
                                    run,
                                    List.of(run)));
              });
    }
    if (service == null) {
      return Uni.createFrom()
          .item(
              Correlation.none(
                  "no service label ("
                      + String.join(", ", AlertLabels.SERVICE)
                      + ") and no "
                      + AlertLabels.OPTIMIZATION
                      + " label"));
    }
    return deployed
        .latest(tenant, service, version, environment, null)
        .chain(
            latest -> {
              if (latest == null) {
                return Uni.createFrom()
                    .item(
                        Correlation.none(
                            "no deployment of service "
                                + service
                                + scope
                                + " shipped a tracked fix"));
              }
              return deployed
                  .ofDeployment(tenant, latest.deploymentEventId())
                  .map(
                      runs -> {
                        Set<Long> seen = new LinkedHashSet<>();
                        List<ValidationRun> distinct =
                            runs.stream().filter(r -> seen.add(r.bottleneck().id())).toList();
                        return new Correlation(
                            true,
                            "latest deployment of "
                                + service
                                + scope
                                + " that shipped fixes: "
                                + shipped(latest, distinct),
                            latest,
                            distinct);
                      });
            });
  }

  private static String shipped(ValidationRun run, List<ValidationRun> runs) {
    return "version "
        + run.version()
        + " in "
        + run.environment()
        + (run.previousVersion() == null ? "" : " (after " + run.previousVersion() + ")")
        + ", deployed "
        + run.deployedAt()
        + ", shipping "
        + runs.stream().map(r -> r.bottleneck().humanId()).collect(Collectors.joining(", "));
  }

  private Uni<List<Received>> publishAll(Applied applied) {
    if (applied.events().isEmpty()) {
      return Uni.createFrom().item(applied.received());
    }
    Map<UUID, Boolean> published = new LinkedHashMap<>();
    return Multi.createFrom()
        .iterable(applied.events())
        .onItem()
        .transformToUniAndConcatenate(
            event -> publisher.publish(event).invoke(ok -> published.put(event.eventId(), ok)))
        .collect()
        .last()
        .map(
            done ->
                applied.received().stream()
                    .map(
                        r ->
                            new Received(
                                r.incident(),
                                r.change(),
                                r.commands().stream()
                                    .map(
                                        c ->
                                            new Command(
                                                c.commandId(),
                                                c.eventId(),
                                                c.humanId(),
                                                c.fingerprint(),
                                                published.getOrDefault(c.eventId(), false)))
                                    .toList()))
                    .toList());
  }

  private void count(Change change) {
    Counter.builder("hotpath.tracker.alerts")
        .description("Alerts received from Alertmanager, by what they changed")
        .tag("change", change.name())
        .register(registry)
        .increment();
  }

  /** A lost optimistic lock, or a concurrent copy that recorded the same incident first. */
  static boolean retryable(Throwable failure) {
    if (MatrixUpdates.lostOptimisticLock(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException) {
        return true;
      }
      if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }
}
