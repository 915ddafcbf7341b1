package io.hotpath.tracker.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One alert of one Alertmanager group, per tenant: what it said, what it was correlated with, and
 * why it did or did not request rollbacks. Kept for good; a resolved notification closes it.
 */
@Entity
@Table(name = "alert_incident")
public class AlertIncident {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  /** Whether the alert still fires. */
  public enum Status {
    FIRING,
    RESOLVED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String tenant;

  @Column(name = "group_key", nullable = false, columnDefinition = "text")
  private String groupKey;

  @Column(nullable = false)
  private String fingerprint;

  @Column(columnDefinition = "text")
  private String alertname;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(columnDefinition = "text")
  private String service;

  @Column(columnDefinition = "text")
  private String namespace;

  @Column(columnDefinition = "text")
  private String deployment;

  @Column(columnDefinition = "text")
  private String version;

  @Column(nullable = false, columnDefinition = "text")
  private String labels;

  @Column(nullable = false, columnDefinition = "text")
  private String annotations;

  @Column(name = "starts_at", nullable = false)
  private Instant startsAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "generator_url", columnDefinition = "text")
  private String generatorUrl;

  @Column(columnDefinition = "text")
  private String receiver;

  @Column(name = "external_url", columnDefinition = "text")
  private String externalUrl;

  @Column(nullable = false)
  private boolean correlated;

  @Column(name = "correlation_note", nullable = false, columnDefinition = "text")
  private String correlationNote;

  @Column(name = "deployment_event_id")
  private UUID deploymentEventId;

  @Column(name = "deployed_version")
  private String deployedVersion;

  @Column(name = "rollback_rule")
  private String rollbackRule;

  @Column(name = "rollback_note", nullable = false, columnDefinition = "text")
  private String rollbackNote;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  private int rowVersion;

  protected AlertIncident() {}

  /** A newly seen alert; correlation and rollback decisions are filled in by the caller. */
  public static AlertIncident received(
      String tenant,
      AlertmanagerNotification notification,
      AlertmanagerNotification.Alert alert,
      String service,
      Instant now) {
    AlertIncident incident = new AlertIncident();
    incident.tenant = tenant;
    incident.groupKey = notification.groupKey();
    incident.fingerprint = alert.fingerprint();
    incident.alertname = alert.alertname();
    incident.status = alert.firing() ? Status.FIRING : Status.RESOLVED;
    incident.service = service;
    incident.namespace = alert.label(AlertLabels.NAMESPACE);
    incident.deployment = alert.label(AlertLabels.DEPLOYMENT);
    incident.version = alert.label(AlertLabels.VERSION);
    incident.labels = write(alert.labels());
    incident.annotations = write(alert.annotations());
    incident.startsAt = alert.startsAt();
    incident.endsAt = alert.endsAt();
    incident.resolvedAt = alert.firing() ? null : resolvedAt(alert, now);
    incident.generatorUrl = alert.generatorUrl();
    incident.receiver = notification.receiver();
    incident.externalUrl = notification.externalUrl();
    incident.correlationNote = "";
    incident.rollbackNote = "";
    incident.createdAt = now;
    incident.updatedAt = now;
    return incident;
  }

  public void correlated(boolean matched, String note, UUID deploymentEventId, String version) {
    this.correlated = matched;
    this.correlationNote = note;
    this.deploymentEventId = deploymentEventId;
    this.deployedVersion = version;
  }

  public void rollback(String rule, String note) {
    this.rollbackRule = rule;
    this.rollbackNote = note;
  }

  /** Closes a firing incident at the alert's end time; false if there was nothing to change. */
  public boolean resolve(AlertmanagerNotification.Alert alert, Instant now) {
    if (status == Status.RESOLVED) {
      return false;
    }
    status = Status.RESOLVED;
    endsAt = alert.endsAt();
    resolvedAt = resolvedAt(alert, now);
    updatedAt = now;
    return true;
  }

  /**
   * The same alert fires again after it was resolved: open again, with its new start. Its fixes
   * were already asked to roll back once; no new command.
   */
  public boolean reopen(AlertmanagerNotification.Alert alert, Instant now) {
    if (status == Status.FIRING) {
      return false;
    }
    status = Status.FIRING;
    startsAt = alert.startsAt();
    endsAt = alert.endsAt();
    resolvedAt = null;
    updatedAt = now;
    return true;
  }

  private static Instant resolvedAt(AlertmanagerNotification.Alert alert, Instant now) {
    return alert.endsAt() != null ? alert.endsAt() : now;
  }

  private static String write(Map<String, String> values) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write labels as JSON", e);
    }
  }

  private static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not a JSON object", e);
    }
  }

  /** {@code groupKey|fingerprint}: the incident as a rollback command names it. */
  public String incidentKey() {
    return groupKey + "|" + fingerprint;
  }

  public Long id() {
    return id;
  }

  public String tenant() {
    return tenant;
  }

  public String groupKey() {
    return groupKey;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public String alertname() {
    return alertname;
  }

  public Status status() {
    return status;
  }

  public String service() {
    return service;
  }

  public String namespace() {
    return namespace;
  }

  public String deployment() {
    return deployment;
  }

  public String version() {
    return version;
  }

  public Map<String, String> labels() {
    return read(labels);
  }

  public Map<String, String> annotations() {
    return read(annotations);
  }

  public Instant startsAt() {
    return startsAt;
  }

  public Instant endsAt() {
    return endsAt;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public String generatorUrl() {
    return generatorUrl;
  }

  public String receiver() {
    return receiver;
  }

  public String externalUrl() {
    return externalUrl;
  }

  public boolean correlated() {
    return correlated;
  }

  public String correlationNote() {
    return correlationNote;
  }

  public UUID deploymentEventId() {
    return deploymentEventId;
  }

  public String deployedVersion() {
    return deployedVersion;
  }

  public String rollbackRule() {
    return rollbackRule;
  }

  public String rollbackNote() {
    return rollbackNote;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
