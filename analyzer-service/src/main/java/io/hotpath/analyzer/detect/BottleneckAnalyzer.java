package io.hotpath.analyzer.detect;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.telemetry.TelemetryReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every detector on a report and turns each finding into a {@link BottleneckDetected}: the
 * fingerprint gives it its identity, {@link Sightings} its history, and its event id is derived
 * from the report's, so reprocessing the same report emits the same ids.
 */
public final class BottleneckAnalyzer {
  private final List<Detector> detectors;
  private final Sightings sightings;

  public BottleneckAnalyzer(List<Detector> detectors, Sightings sightings) {
    this.detectors = List.copyOf(detectors);
    this.sightings = sightings;
  }

  /** The bottlenecks in one report, in detector order; empty for a healthy report. */
  public List<BottleneckDetected> analyze(TelemetryReport report) {
    List<BottleneckDetected> detected = new ArrayList<>();
    Set<String> fingerprints = new HashSet<>();
    for (Detector detector : detectors) {
      for (Finding finding : detector.detect(report)) {
        String fingerprint =
            Fingerprints.bottleneck(
                report.tenant(), report.service(), finding.type(), finding.location());
        // One bottleneck per report and fingerprint: a second one would reuse the derived id.
        if (fingerprints.add(fingerprint)) {
          detected.add(toEvent(report, finding, fingerprint));
        }
      }
    }
    return detected;
  }

  private BottleneckDetected toEvent(TelemetryReport report, Finding finding, String fingerprint) {
    Sightings.Sighting sighting =
        sightings.record(fingerprint, report.eventId(), report.eventTime());
    return new BottleneckDetected(
        EventIds.derived(report.eventId(), fingerprint),
        Events.SCHEMA_VERSION,
        report.tenant(),
        report.service(),
        report.environment(),
        report.version(),
        report.instance(),
        report.eventTime(),
        fingerprint,
        finding.type(),
        finding.severity(),
        finding.location(),
        finding.impact(),
        finding.evidence(),
        sighting.firstSeen(),
        sighting.lastSeen(),
        sighting.occurrences(),
        BottleneckState.ACTIVE);
  }
}
