package io.hotpath.tracker.lifecycle;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import java.util.List;

/** A status change the lifecycle does not allow, with what it would allow instead. */
public class TransitionRefused extends RuntimeException {

  /** Why a transition was refused. */
  public enum Reason {
    /** The table has no such move from the current status. */
    NOT_ALLOWED,
    /** Only MEDIUM and LOW may be deferred. */
    NOT_DEFERRABLE,
    /** COMPLETED comes from a validation that measured the improvement, not from a request. */
    NEEDS_VALIDATION,
    /** The status changed since the caller read it (its {@code from}, or a concurrent change). */
    CONFLICT
  }

  private final Reason reason;
  private final String humanId;
  private final BottleneckStatus from;
  private final BottleneckStatus to;
  private final Severity severity;
  private final List<BottleneckStatus> allowed;

  public TransitionRefused(
      Reason reason,
      String humanId,
      BottleneckStatus from,
      BottleneckStatus to,
      Severity severity,
      List<BottleneckStatus> allowed,
      String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.humanId = humanId;
    this.from = from;
    this.to = to;
    this.severity = severity;
    this.allowed = List.copyOf(allowed);
  }

  public Reason reason() {
    return reason;
  }

  public String humanId() {
    return humanId;
  }

  /** The current status; null when unknown (a concurrent change won). */
  public BottleneckStatus from() {
    return from;
  }

  public BottleneckStatus to() {
    return to;
  }

  public Severity severity() {
    return severity;
  }

  /** What the API may move the bottleneck to from its current status. */
  public List<BottleneckStatus> allowed() {
    return allowed;
  }
}
