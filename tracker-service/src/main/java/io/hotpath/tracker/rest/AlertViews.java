package io.hotpath.tracker.rest;

import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.tracker.alert.AlertIncident;
import io.hotpath.tracker.alert.IncidentFix;
import io.hotpath.tracker.service.AlertIncidents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the alert API sends: records made from the incidents, never the entities themselves. */
public final class AlertViews {
  private AlertViews() {}

  /** The answer to a webhook call: what each alert of the notification changed. */
  public record WebhookResult(String groupKey, int alerts, List<Received> incidents) {
    static WebhookResult of(String groupKey, List<AlertIncidents.Received> received) {
      return new WebhookResult(
          groupKey, received.size(), received.stream().map(Received::of).toList());
    }
  }

  /** One alert of a notification, as recorded. */
  public record Received(
      long id,
      String incidentKey,
      String alertname,
      AlertIncident.Status status,
      AlertIncidents.Change change,
      boolean correlated,
      String correlationNote,
      String rollbackNote,
      List<AlertIncidents.Command> commands) {
    static Received of(AlertIncidents.Received r) {
      AlertIncident i = r.incident();
      return new Received(
          i.id(),
          i.incidentKey(),
          i.alertname(),
          i.status(),
          r.change(),
          i.correlated(),
          i.correlationNote(),
          i.rollbackNote(),
          r.commands());
    }
  }

  /** A fix the incident was correlated with, and its rollback command if one was requested. */
  public record Fix(
      String humanId,
      String fingerprint,
      String service,
      String commandId,
      UUID rollbackEventId,
      RollbackMethod method,
      String rollbackTo,
      String note) {
    static Fix of(IncidentFix f) {
      return new Fix(
          f.bottleneck().humanId(),
          f.bottleneck().fingerprint(),
          f.bottleneck().service(),
          f.commandId(),
          f.rollbackEventId(),
          f.rollbackMethod(),
          f.rollbackTo(),
          f.note());
    }
  }

  /** One incident, as {@code GET /api/v1/alerts} lists it. */
  public record Incident(
      long id,
      String incidentKey,
      String groupKey,
      String fingerprint,
      String alertname,
      AlertIncident.Status status,
      String service,
      String namespace,
      String deployment,
      String version,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      Instant resolvedAt,
      String generatorURL,
      String receiver,
      boolean correlated,
      String correlationNote,
      UUID deploymentEventId,
      String deployedVersion,
      String rollbackRule,
      String rollbackNote,
      List<Fix> fixes,
      Instant createdAt,
      Instant updatedAt) {
    static Incident of(AlertIncidents.IncidentRecord record) {
      AlertIncident i = record.incident();
      return new Incident(
          i.id(),
          i.incidentKey(),
          i.groupKey(),
          i.fingerprint(),
          i.alertname(),
          i.status(),
          i.service(),
          i.namespace(),
          i.deployment(),
          i.version(),
          i.labels(),
          i.annotations(),
          i.startsAt(),
          i.endsAt(),
          i.resolvedAt(),
          i.generatorUrl(),
          i.receiver(),
          i.correlated(),
          i.correlationNote(),
          i.deploymentEventId(),
          i.deployedVersion(),
          i.rollbackRule(),
          i.rollbackNote(),
          record.fixes().stream().map(Fix::of).toList(),
          i.createdAt(),
          i.updatedAt());
    }
  }
}
