package io.hotpath.tracker.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.tracker.matrix.JsonStringList;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One validation of a shipped optimization: created PENDING when a deployment carries it, decided
 * once enough telemetry of the new version arrived (or the wait timed out). Kept for good.
 */
@Entity
@Table(name = "validation_run")
public class ValidationRun {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ValidationRules.Check>> CHECKS = new TypeReference<>() {};

  /** PENDING, then one of the rules' verdicts. */
  public enum Status {
    PENDING,
    PASSED,
    FAILED,
    INCONCLUSIVE
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String tenant;

  @Column(nullable = false)
  private String service;

  @Column(nullable = false)
  private String environment;

  @Column(nullable = false)
  private String version;

  @Column(name = "previous_version")
  private String previousVersion;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "bottleneck_id", nullable = false)
  private TrackedBottleneck bottleneck;

  @Column(name = "deployment_event_id", nullable = false)
  private UUID deploymentEventId;

  @Column(name = "optimization_id", nullable = false, columnDefinition = "text")
  private String optimizationId;

  @Column(name = "rollback_target", columnDefinition = "text")
  private String rollbackTarget;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(columnDefinition = "text")
  private String metric;

  @Column private String unit;

  @Column(name = "before_value")
  private Double before;

  @Column(name = "after_value")
  private Double after;

  @Convert(converter = JsonStringList.class)
  @Column(nullable = false, columnDefinition = "text")
  private List<String> reasons;

  @Convert(converter = JsonStringList.class)
  @Column(nullable = false, columnDefinition = "text")
  private List<String> notes;

  @Column(nullable = false, columnDefinition = "text")
  private String checks;

  @Column(name = "rollback_event_id")
  private UUID rollbackEventId;

  @Column(name = "deployed_at", nullable = false)
  private Instant deployedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "validated_at")
  private Instant validatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  private int rowVersion;

  protected ValidationRun() {}

  public static ValidationRun pending(
      TrackedBottleneck bottleneck,
      String environment,
      String version,
      String previousVersion,
      UUID deploymentEventId,
      String optimizationId,
      String rollbackTarget,
      Instant deployedAt,
      Instant now) {
    ValidationRun run = new ValidationRun();
    run.tenant = bottleneck.tenant();
    run.service = bottleneck.service();
    run.environment = environment;
    run.version = version;
    run.previousVersion = previousVersion;
    run.bottleneck = bottleneck;
    run.deploymentEventId = deploymentEventId;
    run.optimizationId = optimizationId;
    run.rollbackTarget = rollbackTarget;
    run.status = Status.PENDING;
    run.reasons = List.of();
    run.notes = List.of();
    run.checks = "[]";
    run.deployedAt = deployedAt;
    run.createdAt = now;
    return run;
  }

  /** Decided without comparing anything (no previous version, nothing measured). */
  public void inconclusive(String note, Instant now) {
    status = Status.INCONCLUSIVE;
    notes = List.of(note);
    validatedAt = now;
  }

  public void decided(ValidationRules.Result result, Instant now) {
    status = Status.valueOf(result.verdict().name());
    metric = result.metric();
    unit = result.unit();
    before = result.before();
    after = result.after();
    reasons = List.copyOf(result.reasons());
    notes = List.copyOf(result.notes());
    try {
      checks = JSON.writeValueAsString(result.checks());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write validation checks", e);
    }
    validatedAt = now;
  }

  public void rollbackRequested(UUID eventId) {
    rollbackEventId = eventId;
  }

  public List<ValidationRules.Check> checks() {
    try {
      return JSON.readValue(checks, CHECKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored validation checks are not readable", e);
    }
  }

  public Long id() {
    return id;
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

  public String previousVersion() {
    return previousVersion;
  }

  public TrackedBottleneck bottleneck() {
    return bottleneck;
  }

  public UUID deploymentEventId() {
    return deploymentEventId;
  }

  public String optimizationId() {
    return optimizationId;
  }

  public String rollbackTarget() {
    return rollbackTarget;
  }

  public Status status() {
    return status;
  }

  public String metric() {
    return metric;
  }

  public String unit() {
    return unit;
  }

  public Double before() {
    return before;
  }

  public Double after() {
    return after;
  }

  public List<String> reasons() {
    return reasons;
  }

  public List<String> notes() {
    return notes;
  }

  public UUID rollbackEventId() {
    return rollbackEventId;
  }

  public Instant deployedAt() {
    return deployedAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant validatedAt() {
    return validatedAt;
  }
}
