package io.hotpath.tracker.matrix;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.CoverageGapFound;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The planner's latest coverage gap for one bottleneck: it could not plan it. Keyed like a plan, so
 * that a plan newer than the gap closes it.
 */
@Entity
@Table(name = "coverage_gap")
public class PlanningGap {
  @EmbeddedId private PlanKey key;

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

  @Column(columnDefinition = "text")
  private String location;

  @Column(nullable = false)
  private String reason;

  @Column(columnDefinition = "text")
  private String detail;

  @Column(name = "catalog_version")
  private String catalogVersion;

  @Column(name = "found_at", nullable = false)
  private Instant foundAt;

  protected PlanningGap() {}

  public static PlanningGap of(CoverageGapFound event) {
    PlanningGap gap = new PlanningGap();
    gap.key = new PlanKey(event.tenant(), event.bottleneckFingerprint());
    gap.update(event);
    return gap;
  }

  /**
   * Takes the newer of this gap and {@code event}.
   *
   * @return whether the event was newer and replaced the stored gap
   */
  public boolean replaceWith(CoverageGapFound event) {
    if (foundAt != null && !event.eventTime().isAfter(foundAt)) {
      return false;
    }
    update(event);
    return true;
  }

  private void update(CoverageGapFound event) {
    service = event.service();
    environment = event.environment();
    bottleneckType = event.bottleneckType();
    severity = event.severity();
    location = event.location();
    reason = event.reason();
    detail = event.detail();
    catalogVersion = event.catalogVersion();
    foundAt = event.eventTime();
  }

  public String fingerprint() {
    return key.bottleneckFingerprint();
  }

  public String service() {
    return service;
  }

  public Severity severity() {
    return severity;
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  public Instant foundAt() {
    return foundAt;
  }
}
