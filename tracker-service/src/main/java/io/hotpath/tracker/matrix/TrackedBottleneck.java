package io.hotpath.tracker.matrix;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One row of the tracking matrix: a bottleneck of one tenant, identified by its fingerprint, with
 * the analyzer's latest view of it and the tracker's lifecycle status.
 */
@Entity
@Table(name = "bottleneck")
public class TrackedBottleneck {
  // Ids in blocks of 50 from the column's sequence (V11), so that inserts can be batched.
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bottleneck_ids")
  @SequenceGenerator(
      name = "bottleneck_ids",
      sequenceName = "bottleneck_id_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String tenant;

  @Column(name = "human_number", nullable = false)
  private long humanNumber;

  @Column(name = "human_id", nullable = false)
  private String humanId;

  @Column(nullable = false)
  private String fingerprint;

  @Column(nullable = false)
  private String service;

  @Column(nullable = false)
  private String environment;

  @Column(nullable = false)
  private String version;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private BottleneckType type;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Severity severity;

  /** Computed by the database from severity; only read (for sorting). */
  @Column(name = "severity_rank", insertable = false, updatable = false)
  private short severityRank;

  @Column(nullable = false, columnDefinition = "text")
  private String location;

  @Column(name = "impact_value", nullable = false)
  private double impactValue;

  @Column(name = "impact_unit", nullable = false)
  private String impactUnit;

  @Column(name = "impact_summary", columnDefinition = "text")
  private String impactSummary;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private BottleneckStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "analyzer_state", nullable = false)
  private BottleneckState analyzerState;

  @Column(name = "first_seen", nullable = false)
  private Instant firstSeen;

  @Column(name = "last_seen", nullable = false)
  private Instant lastSeen;

  @Column(nullable = false)
  private long occurrences;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** Why it is deferred; set while the status is DEFERRED, null otherwise. */
  @Column(name = "deferral_justification", columnDefinition = "text")
  private String deferralJustification;

  @Column(name = "deferred_by")
  private String deferredBy;

  @Column(name = "deferred_at")
  private Instant deferredAt;

  /** The improvement the passing validation measured; null until one did. */
  @Column(name = "improvement_metric", columnDefinition = "text")
  private String improvementMetric;

  @Column(name = "improvement_unit")
  private String improvementUnit;

  @Column(name = "improvement_before")
  private Double improvementBefore;

  @Column(name = "improvement_after")
  private Double improvementAfter;

  @Column(name = "improvement_run_id")
  private Long improvementRunId;

  @Version
  @Column(name = "row_version", nullable = false)
  private int rowVersion;

  protected TrackedBottleneck() {}

  /** A bottleneck seen for the first time: not started, numbered {@code humanNumber}. */
  public static TrackedBottleneck detected(
      BottleneckDetected event, long humanNumber, Instant now) {
    TrackedBottleneck b = new TrackedBottleneck();
    b.tenant = event.tenant();
    b.humanNumber = humanNumber;
    b.humanId = HumanIds.of(humanNumber);
    b.fingerprint = event.fingerprint();
    b.service = event.service();
    b.location = event.location();
    b.type = event.type();
    b.status = BottleneckStatus.NOT_STARTED;
    b.firstSeen = event.firstSeen();
    b.lastSeen = event.lastSeen();
    b.occurrences = Math.max(1, event.occurrences());
    b.takeLatest(event);
    b.createdAt = now;
    b.updatedAt = now;
    return b;
  }

  /**
   * The analyzer saw the bottleneck again. Counts and the seen window only grow; the rest follows
   * the newest observation, so an older event replayed late does not overwrite a newer one. The
   * occurrence count is the analyzer's, but never goes backwards and a new observation counts at
   * least once (an analyzer that restarted from zero still adds up).
   */
  public void observedAgain(BottleneckDetected event, Instant now) {
    occurrences = Math.max(occurrences + 1, event.occurrences());
    if (event.firstSeen().isBefore(firstSeen)) {
      firstSeen = event.firstSeen();
    }
    if (!event.lastSeen().isBefore(lastSeen)) {
      lastSeen = event.lastSeen();
      takeLatest(event);
    }
    updatedAt = now;
  }

  /**
   * Moves the lifecycle status. The caller has checked the move against {@link Lifecycle}; a
   * deferral keeps its justification until the bottleneck leaves DEFERRED.
   */
  public void moveTo(BottleneckStatus to, String actor, String justification, Instant now) {
    status = to;
    if (to == BottleneckStatus.DEFERRED) {
      deferralJustification = justification;
      deferredBy = actor;
      deferredAt = now;
    } else {
      deferralJustification = null;
      deferredBy = null;
      deferredAt = null;
    }
    updatedAt = now;
  }

  /** Keeps what a passing validation measured on the targeted metric. */
  public void improved(String metric, String unit, double before, double after, long runId) {
    improvementMetric = metric;
    improvementUnit = unit;
    improvementBefore = before;
    improvementAfter = after;
    improvementRunId = runId;
  }

  public String improvementMetric() {
    return improvementMetric;
  }

  public String improvementUnit() {
    return improvementUnit;
  }

  public Double improvementBefore() {
    return improvementBefore;
  }

  public Double improvementAfter() {
    return improvementAfter;
  }

  public Long improvementRunId() {
    return improvementRunId;
  }

  private void takeLatest(BottleneckDetected event) {
    environment = event.environment();
    version = event.version();
    severity = event.severity();
    impactValue = event.impact().value();
    impactUnit = event.impact().unit();
    impactSummary = event.impact().summary();
    analyzerState = event.state();
  }

  public Long id() {
    return id;
  }

  public String tenant() {
    return tenant;
  }

  public long humanNumber() {
    return humanNumber;
  }

  public String humanId() {
    return humanId;
  }

  public String fingerprint() {
    return fingerprint;
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

  public BottleneckType type() {
    return type;
  }

  public Severity severity() {
    return severity;
  }

  public String location() {
    return location;
  }

  public double impactValue() {
    return impactValue;
  }

  public String impactUnit() {
    return impactUnit;
  }

  public String impactSummary() {
    return impactSummary;
  }

  public BottleneckStatus status() {
    return status;
  }

  public BottleneckState analyzerState() {
    return analyzerState;
  }

  public Instant firstSeen() {
    return firstSeen;
  }

  public Instant lastSeen() {
    return lastSeen;
  }

  public long occurrences() {
    return occurrences;
  }

  public String deferralJustification() {
    return deferralJustification;
  }

  public String deferredBy() {
    return deferredBy;
  }

  public Instant deferredAt() {
    return deferredAt;
  }

  public int rowVersion() {
    return rowVersion;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
