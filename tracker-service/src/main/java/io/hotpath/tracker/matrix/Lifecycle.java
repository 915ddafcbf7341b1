package io.hotpath.tracker.matrix;

import static io.hotpath.contracts.tracking.BottleneckStatus.COMPLETED;
import static io.hotpath.contracts.tracking.BottleneckStatus.DEFERRED;
import static io.hotpath.contracts.tracking.BottleneckStatus.FAILED;
import static io.hotpath.contracts.tracking.BottleneckStatus.IN_PROGRESS;
import static io.hotpath.contracts.tracking.BottleneckStatus.NOT_STARTED;
import static io.hotpath.contracts.tracking.BottleneckStatus.ROLLED_BACK;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a tracked bottleneck: which status may follow which, and the rules on top of the
 * table (only MEDIUM and LOW may be deferred; COMPLETED comes from a validation).
 *
 * <pre>
 * NOT_STARTED -> IN_PROGRESS | DEFERRED
 * IN_PROGRESS -> COMPLETED* | FAILED | ROLLED_BACK | DEFERRED | NOT_STARTED
 * FAILED      -> IN_PROGRESS (retry) | ROLLED_BACK (the failed fix was taken back) | DEFERRED
 * ROLLED_BACK -> IN_PROGRESS (retry) | DEFERRED
 * COMPLETED   -> ROLLED_BACK (the shipped fix hurt and was taken back)
 * DEFERRED    -> NOT_STARTED | IN_PROGRESS (resume)
 * </pre>
 *
 * (*) only through a validation that measured the improvement against the baseline.
 */
public final class Lifecycle {
  private static final Map<BottleneckStatus, Set<BottleneckStatus>> NEXT =
      new EnumMap<>(BottleneckStatus.class);

  static {
    NEXT.put(NOT_STARTED, EnumSet.of(IN_PROGRESS, DEFERRED));
    NEXT.put(IN_PROGRESS, EnumSet.of(COMPLETED, FAILED, ROLLED_BACK, DEFERRED, NOT_STARTED));
    NEXT.put(FAILED, EnumSet.of(IN_PROGRESS, ROLLED_BACK, DEFERRED));
    NEXT.put(ROLLED_BACK, EnumSet.of(IN_PROGRESS, DEFERRED));
    NEXT.put(COMPLETED, EnumSet.of(ROLLED_BACK));
    NEXT.put(DEFERRED, EnumSet.of(NOT_STARTED, IN_PROGRESS));
  }

  /** Severities that may be deferred. */
  public static final Set<Severity> DEFERRABLE = EnumSet.of(Severity.MEDIUM, Severity.LOW);

  private Lifecycle() {}

  /** The statuses the table allows after {@code from}, in declaration order. */
  public static List<BottleneckStatus> allowedAfter(BottleneckStatus from) {
    return List.copyOf(NEXT.get(from));
  }

  /**
   * What a request through the API may move a bottleneck of this severity to: the table's moves,
   * less COMPLETED (a validation's) and less DEFERRED for CRITICAL and HIGH.
   */
  public static List<BottleneckStatus> allowedThroughApi(BottleneckStatus from, Severity severity) {
    return NEXT.get(from).stream()
        .filter(to -> to != COMPLETED)
        .filter(to -> to != DEFERRED || deferrable(severity))
        .toList();
  }

  public static boolean allows(BottleneckStatus from, BottleneckStatus to) {
    return NEXT.get(from).contains(to);
  }

  public static boolean deferrable(Severity severity) {
    return DEFERRABLE.contains(severity);
  }
}
