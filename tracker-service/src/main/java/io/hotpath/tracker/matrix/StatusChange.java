package io.hotpath.tracker.matrix;

import io.hotpath.contracts.tracking.BottleneckStatus;
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
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One transition in a bottleneck's lifecycle: from what, to what, who moved it, why, and when. */
@Entity
@Table(name = "status_history")
public class StatusChange {
  // Ids in blocks of 50 from the column's sequence (V11), so that inserts can be batched.
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "status_history_ids")
  @SequenceGenerator(
      name = "status_history_ids",
      sequenceName = "status_history_id_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "bottleneck_id", nullable = false)
  private TrackedBottleneck bottleneck;

  /** Null for the first entry, when the bottleneck started being tracked. */
  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  private BottleneckStatus from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status", nullable = false)
  private BottleneckStatus to;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false, columnDefinition = "text")
  private String reason;

  @Column(nullable = false)
  private Instant at;

  /** The justification of a deferral; null for other transitions. */
  @Column(columnDefinition = "text")
  private String justification;

  protected StatusChange() {}

  public static StatusChange of(
      TrackedBottleneck bottleneck,
      BottleneckStatus from,
      BottleneckStatus to,
      String actor,
      String reason,
      Instant at) {
    StatusChange change = new StatusChange();
    change.bottleneck = bottleneck;
    change.from = from;
    change.to = to;
    change.actor = actor;
    change.reason = reason;
    change.at = at;
    return change;
  }

  /** A transition made through the API; {@code justification} is kept for deferrals. */
  public static StatusChange of(
      TrackedBottleneck bottleneck,
      BottleneckStatus from,
      BottleneckStatus to,
      String actor,
      String reason,
      String justification,
      Instant at) {
    StatusChange change = of(bottleneck, from, to, actor, reason, at);
    change.justification = justification;
    return change;
  }

  public Long id() {
    return id;
  }

  public BottleneckStatus from() {
    return from;
  }

  public BottleneckStatus to() {
    return to;
  }

  public String actor() {
    return actor;
  }

  public String reason() {
    return reason;
  }

  public Instant at() {
    return at;
  }

  public String justification() {
    return justification;
  }
}
