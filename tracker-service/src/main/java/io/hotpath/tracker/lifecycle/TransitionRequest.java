package io.hotpath.tracker.lifecycle;

import io.hotpath.contracts.tracking.BottleneckStatus;

/**
 * A request to move a bottleneck's status, already checked for shape.
 *
 * @param expectedFrom when set, the move applies only if the status still is this one
 * @param justification required for DEFERRED, ignored otherwise
 */
public record TransitionRequest(
    BottleneckStatus to,
    String actor,
    String reason,
    String justification,
    BottleneckStatus expectedFrom) {}
