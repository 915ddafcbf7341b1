package io.hotpath.tracker.matrix;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The planner's latest plan for one bottleneck. Stored by fingerprint so that a plan that arrives
 * before its bottleneck is kept and joined once the bottleneck is tracked.
 */
@Entity
@Table(name = "bottleneck_plan")
public class TrackedPlan {
  @EmbeddedId private PlanKey key;

  @Column(name = "plan_id", nullable = false)
  private String planId;

  @Column(nullable = false)
  private String service;

  @Column(nullable = false)
  private String environment;

  @Enumerated(EnumType.STRING)
  @Column(name = "bottleneck_type", nullable = false)
  private BottleneckType bottleneckType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Severity severity;

  @Column(name = "playbook_id", nullable = false)
  private String playbookId;

  @Column(nullable = false, columnDefinition = "text")
  private String approach;

  @Convert(converter = JsonStringList.class)
  @Column(nullable = false, columnDefinition = "text")
  private List<String> steps;

  @Column(name = "validation_metric", nullable = false, columnDefinition = "text")
  private String validationMetric;

  @Column(name = "validation_target", nullable = false, columnDefinition = "text")
  private String validationTarget;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RiskLevel risk;

  @Enumerated(EnumType.STRING)
  @Column(name = "rollback_method", nullable = false)
  private RollbackMethod rollbackMethod;

  @Column(name = "rollback_automated", nullable = false)
  private boolean rollbackAutomated;

  @Column(name = "rollback_time_ms", nullable = false)
  private long rollbackTimeMs;

  @Convert(converter = JsonStringList.class)
  @Column(name = "rollback_steps", nullable = false, columnDefinition = "text")
  private List<String> rollbackSteps;

  @Column(name = "effort_size", nullable = false)
  private String effortSize;

  @Column(name = "effort_days", nullable = false)
  private double effortDays;

  @Column(name = "expected_value", nullable = false)
  private double expectedValue;

  @Column(name = "expected_unit", nullable = false)
  private String expectedUnit;

  @Column(name = "expected_summary", columnDefinition = "text")
  private String expectedSummary;

  @Column(nullable = false)
  private int rank;

  @Convert(converter = JsonStringList.class)
  @Column(name = "depends_on", nullable = false, columnDefinition = "text")
  private List<String> dependsOn;

  @Column(name = "catalog_version", nullable = false)
  private String catalogVersion;

  /** The plan event's time; a plan event older than this one does not replace it. */
  @Column(name = "proposed_at", nullable = false)
  private Instant proposedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected TrackedPlan() {}

  public static TrackedPlan proposed(PlanProposed event, Instant now) {
    TrackedPlan plan = new TrackedPlan();
    plan.key = new PlanKey(event.tenant(), event.bottleneckFingerprint());
    plan.createdAt = now;
    plan.take(event, now);
    return plan;
  }

  /** A newer plan for the same bottleneck replaces this one; an older one is ignored. */
  public boolean replaceWith(PlanProposed event, Instant now) {
    if (event.eventTime().isBefore(proposedAt)) {
      return false;
    }
    take(event, now);
    return true;
  }

  private void take(PlanProposed event, Instant now) {
    planId = event.planId();
    service = event.service();
    environment = event.environment();
    bottleneckType = event.bottleneckType();
    severity = event.severity();
    playbookId = event.strategy().playbookId();
    approach = event.strategy().approach();
    steps = event.strategy().steps();
    validationMetric = event.strategy().validation().metric();
    validationTarget = event.strategy().validation().target();
    risk = event.strategy().risk();
    rollbackMethod = event.rollback().method();
    rollbackAutomated = event.rollback().automated();
    rollbackTimeMs = event.rollback().timeToRollback().toMillis();
    rollbackSteps = event.rollback().steps();
    effortSize = event.effort().size();
    effortDays = event.effort().personDays();
    expectedValue = event.strategy().expectedImprovement().value();
    expectedUnit = event.strategy().expectedImprovement().unit();
    expectedSummary = event.strategy().expectedImprovement().summary();
    rank = event.rank();
    dependsOn = event.dependsOn();
    catalogVersion = event.catalogVersion();
    proposedAt = event.eventTime();
    updatedAt = now;
  }

  public PlanKey key() {
    return key;
  }

  public String planId() {
    return planId;
  }

  public BottleneckType bottleneckType() {
    return bottleneckType;
  }

  public Severity severity() {
    return severity;
  }

  public String playbookId() {
    return playbookId;
  }

  public String approach() {
    return approach;
  }

  public List<String> steps() {
    return steps;
  }

  public String validationMetric() {
    return validationMetric;
  }

  public String validationTarget() {
    return validationTarget;
  }

  public RiskLevel risk() {
    return risk;
  }

  public RollbackMethod rollbackMethod() {
    return rollbackMethod;
  }

  public boolean rollbackAutomated() {
    return rollbackAutomated;
  }

  public Duration timeToRollback() {
    return Duration.ofMillis(rollbackTimeMs);
  }

  public List<String> rollbackSteps() {
    return rollbackSteps;
  }

  public String effortSize() {
    return effortSize;
  }

  public double effortDays() {
    return effortDays;
  }

  public double expectedValue() {
    return expectedValue;
  }

  public String expectedUnit() {
    return expectedUnit;
  }

  public String expectedSummary() {
    return expectedSummary;
  }

  public int rank() {
    return rank;
  }

  public List<String> dependsOn() {
    return dependsOn;
  }

  public String catalogVersion() {
    return catalogVersion;
  }

  public Instant proposedAt() {
    return proposedAt;
  }
}
