package io.hotpath.tracker.completeness;

import io.hotpath.contracts.bottleneck.Severity;

/**
 * A bottleneck the planner could not plan (no playbook fits): it keeps a service from being
 * complete until it is planned or resolved.
 */
public record CoverageGap(String service, String fingerprint, Severity severity, String reason) {}
