package io.hotpath.tracker.alert;

import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A fix an incident was correlated with, and the rollback command it requested for it (or why it
 * requested none). Shown with the incident and in the bottleneck's incident list.
 */
@Entity
@Table(name = "alert_incident_fix")
public class IncidentFix {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "incident_id", nullable = false)
  private AlertIncident incident;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "bottleneck_id", nullable = false)
  private TrackedBottleneck bottleneck;

  @Column(name = "command_id")
  private String commandId;

  @Column(name = "rollback_event_id")
  private UUID rollbackEventId;

  @Enumerated(EnumType.STRING)
  @Column(name = "rollback_method")
  private RollbackMethod rollbackMethod;

  @Column(name = "rollback_to", columnDefinition = "text")
  private String rollbackTo;

  @Column(nullable = false, columnDefinition = "text")
  private String note;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected IncidentFix() {}

  /** A rollback was requested: {@code note} is the command's reason. */
  public static IncidentFix rollbackRequested(
      AlertIncident incident,
      TrackedBottleneck bottleneck,
      String commandId,
      UUID eventId,
      RollbackMethod method,
      String rollbackTo,
      String note,
      Instant now) {
    IncidentFix fix = noRollback(incident, bottleneck, note, now);
    fix.commandId = commandId;
    fix.rollbackEventId = eventId;
    fix.rollbackMethod = method;
    fix.rollbackTo = rollbackTo;
    return fix;
  }

  /** Correlated, but no command: {@code note} says why. */
  public static IncidentFix noRollback(
      AlertIncident incident, TrackedBottleneck bottleneck, String note, Instant now) {
    IncidentFix fix = new IncidentFix();
    fix.incident = incident;
    fix.bottleneck = bottleneck;
    fix.note = note;
    fix.createdAt = now;
    return fix;
  }

  public Long id() {
    return id;
  }

  public AlertIncident incident() {
    return incident;
  }

  public TrackedBottleneck bottleneck() {
    return bottleneck;
  }

  public String commandId() {
    return commandId;
  }

  public UUID rollbackEventId() {
    return rollbackEventId;
  }

  public RollbackMethod rollbackMethod() {
    return rollbackMethod;
  }

  public String rollbackTo() {
    return rollbackTo;
  }

  public String note() {
    return note;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
