package io.hotpath.tracker.rollback;

import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A rollback command as the executor claimed it: inserted before acting (the claim), then finished
 * with its outcome. Its primary key is the command id, so a command is carried out at most once.
 */
@Entity
@Table(name = "rollback_command")
public class RollbackCommand {
  /** RUNNING from the claim until finished; then the outcome. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  @Id
  @Column(name = "command_id")
  private String commandId;

  @Column(name = "request_event_id", nullable = false)
  private UUID requestEventId;

  @Column(nullable = false)
  private String tenant;

  @Column(nullable = false)
  private String service;

  @Column(nullable = false)
  private String environment;

  @Column(nullable = false)
  private String version;

  @Column(name = "bottleneck_fingerprint", nullable = false)
  private String bottleneckFingerprint;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RollbackMethod method;

  @Column(columnDefinition = "text")
  private String target;

  @Column(name = "rollback_to", columnDefinition = "text")
  private String rollbackTo;

  @Column(nullable = false, columnDefinition = "text")
  private String reason;

  @Column(name = "incident_key", nullable = false, columnDefinition = "text")
  private String incidentKey;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  private String executor;

  @Column(name = "dry_run", nullable = false)
  private boolean dryRun;

  @Column(nullable = false)
  private int attempts;

  @Column(columnDefinition = "text")
  private String detail;

  @Column(nullable = false)
  private int duplicates;

  @Column(name = "claimed_at", nullable = false)
  private Instant claimedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(name = "outcome_event_id")
  private UUID outcomeEventId;

  protected RollbackCommand() {}

  /** Records how the command ended, and the id of the outcome event announcing it. */
  public void finish(
      String executor,
      RollbackOutcome outcome,
      String detail,
      int attempts,
      UUID outcomeEventId,
      Instant now) {
    this.status = Status.valueOf(outcome.name());
    this.executor = executor;
    this.detail = detail;
    this.attempts = attempts;
    this.outcomeEventId = outcomeEventId;
    this.finishedAt = now;
  }

  public String commandId() {
    return commandId;
  }

  public UUID requestEventId() {
    return requestEventId;
  }

  public String tenant() {
    return tenant;
  }

  public String service() {
    return service;
  }

  public String environment() {
    return environment;
  }

  public String version() {
    return version;
  }

  public String bottleneckFingerprint() {
    return bottleneckFingerprint;
  }

  public RollbackMethod method() {
    return method;
  }

  public String target() {
    return target;
  }

  public String rollbackTo() {
    return rollbackTo;
  }

  public String reason() {
    return reason;
  }

  public String incidentKey() {
    return incidentKey;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Status status() {
    return status;
  }

  public String executor() {
    return executor;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public int attempts() {
    return attempts;
  }

  public String detail() {
    return detail;
  }

  public int duplicates() {
    return duplicates;
  }

  public Instant claimedAt() {
    return claimedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public UUID outcomeEventId() {
    return outcomeEventId;
  }
}
