package io.hotpath.analyzer.detect;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slow startup phases: every phase of a {@link StartupReported} that took longer than the threshold
 * (DESIGN.md default 1 s) is a HIGH {@link BottleneckType#SLOW_STARTUP} at {@code
 * startup-phase:<name>}, the name trimmed and lower-cased so agents that spell it differently still
 * meet on one bottleneck.
 */
public final class StartupPhaseDetector implements Detector, SignalDetector<StartupReported> {
  /** Threshold key of the phase goal in ms; the constructor's threshold is its default. */
  public static final String PHASE_MS = "slow-startup.phase-ms";

  /** Location prefix; the tracker and the planner match on it. */
  public static final String LOCATION_PREFIX = "startup-phase:";

  private final long thresholdMs;

  public StartupPhaseDetector(long thresholdMs) {
    if (thresholdMs < 0) {
      throw new IllegalArgumentException("the phase threshold must not be negative");
    }
    this.thresholdMs = thresholdMs;
  }

  /** The location of a phase: the prefix and the trimmed, lower-cased phase name. */
  public static String location(String phaseName) {
    return LOCATION_PREFIX + phaseName.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public Class<StartupReported> input() {
    return StartupReported.class;
  }

  @Override
  public List<Finding> observe(StartupReported event, Thresholds thresholds) {
    return detect(
        event, (long) thresholds.get(event.tenant(), event.service(), PHASE_MS, thresholdMs));
  }

  @Override
  public List<Finding> detect(TelemetryReport report) {
    if (!(report instanceof StartupReported startup)) {
      return List.of();
    }
    return detect(startup, thresholdMs);
  }

  private List<Finding> detect(StartupReported startup, long thresholdMs) {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Phase> entry : phasesByLocation(startup).entrySet()) {
      Phase phase = entry.getValue();
      if (phase.durationMs() > thresholdMs) {
        findings.add(finding(startup, entry.getKey(), phase, thresholdMs));
      }
    }
    return findings;
  }

  /** A phase name that occurs twice in one start (a repeated step) counts with its total time. */
  private record Phase(String name, long durationMs) {}

  private static Map<String, Phase> phasesByLocation(StartupReported startup) {
    Map<String, Phase> phases = new LinkedHashMap<>();
    for (StartupPhase phase : startup.phases()) {
      phases.merge(
          location(phase.name()),
          new Phase(phase.name().trim(), phase.durationMs()),
          (first, again) -> new Phase(first.name(), first.durationMs() + again.durationMs()));
    }
    return phases;
  }

  private static Finding finding(
      StartupReported startup, String location, Phase phase, long thresholdMs) {
    Impact impact =
        new Impact(
            phase.durationMs(),
            "ms",
            "startup phase "
                + phase.name()
                + " took "
                + phase.durationMs()
                + " ms (goal <= "
                + thresholdMs
                + " ms)");
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.DURATION_MS, (double) phase.durationMs());
    measurements.put(EvidenceKeys.THRESHOLD_MS, (double) thresholdMs);
    // Evidence measurements are numbers only; the start type is also spelled out in the
    // description.
    measurements.put(EvidenceKeys.COLD_START, startup.startType() == StartType.COLD ? 1.0 : 0.0);
    if (startup.timeToReadyMs() != null) {
      measurements.put(EvidenceKeys.TIME_TO_READY_MS, (double) startup.timeToReadyMs());
    }
    if (startup.startupMemoryMb() != null) {
      measurements.put(EvidenceKeys.STARTUP_MEMORY_MB, startup.startupMemoryMb());
    }
    Evidence evidence =
        new Evidence(
            startup.startType()
                + " start of "
                + startup.service()
                + " "
                + startup.version()
                + ": phase "
                + phase.name()
                + " took "
                + phase.durationMs()
                + " ms, over the "
                + thresholdMs
                + " ms goal",
            measurements,
            startup.eventTime(),
            startup.eventTime(),
            List.of(startup.eventId()),
            List.of(),
            List.of(),
            List.of());
    return new Finding(BottleneckType.SLOW_STARTUP, Severity.HIGH, location, impact, evidence);
  }
}
