package io.hotpath.analyzer.detect;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;

/**
 * Severity by how far a measurement is past its threshold: the ratio {@code measured / threshold}
 * at or over {@code <type>.severity.critical-ratio} (default 10) is CRITICAL, over {@code
 * high-ratio} (4) HIGH, over {@code medium-ratio} (2) MEDIUM, else LOW. The ratios are thresholds
 * like any other, overridable per tenant and service.
 */
public final class Severities {
  public static final double CRITICAL_RATIO = 10;
  public static final double HIGH_RATIO = 4;
  public static final double MEDIUM_RATIO = 2;

  private Severities() {}

  public static Severity byRatio(
      double ratio, BottleneckType type, Thresholds thresholds, String tenant, String service) {
    String prefix = NoiseGate.typeKey(type) + ".severity.";
    if (ratio >= thresholds.get(tenant, service, prefix + "critical-ratio", CRITICAL_RATIO)) {
      return Severity.CRITICAL;
    }
    if (ratio >= thresholds.get(tenant, service, prefix + "high-ratio", HIGH_RATIO)) {
      return Severity.HIGH;
    }
    if (ratio >= thresholds.get(tenant, service, prefix + "medium-ratio", MEDIUM_RATIO)) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }
}
