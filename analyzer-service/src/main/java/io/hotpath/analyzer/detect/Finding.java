package io.hotpath.analyzer.detect;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import java.util.Objects;

/**
 * What a detector saw in one report, before it gets an identity and a history.
 *
 * @param location normalized, so the same problem always yields the same fingerprint
 */
public record Finding(
    BottleneckType type, Severity severity, String location, Impact impact, Evidence evidence) {
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(evidence, "evidence");
  }
}
