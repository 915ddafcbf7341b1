package io.hotpath.analyzer.detect;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.telemetry.TelemetryReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs every detector that reads an event and turns each finding into a {@link BottleneckDetected}:
 * the fingerprint gives it its identity, {@link Sightings} its history, and its event id is derived
 * from the source event's, so reprocessing the same event emits the same ids.
 *
 * <p>Per-report {@link Detector}s see every {@link TelemetryReport}; a {@link SignalDetector} sees
 * the events its {@link SignalDetector#input()} accepts. A detector that throws is logged and
 * skipped for that event; the other detectors still run, so one bug cannot stall a partition.
 */
public final class BottleneckAnalyzer {
  private static final Logger LOG = Logger.getLogger(BottleneckAnalyzer.class);

  /** A detector threw on an event; told so it can be counted. */
  public interface FailureListener {
    void detectorFailed(String detector, HotpathEvent event, RuntimeException failure);
  }

  private final List<Detector> detectors;
  private final List<SignalDetector<?>> signalDetectors;
  private final Thresholds thresholds;
  private final Sightings sightings;
  private final FailureListener failures;

  public BottleneckAnalyzer(List<Detector> detectors, Sightings sightings) {
    this(detectors, List.of(), (t, s, k, fallback) -> fallback, sightings, (d, e, f) -> {});
  }

  public BottleneckAnalyzer(
      List<Detector> detectors,
      List<SignalDetector<?>> signalDetectors,
      Thresholds thresholds,
      Sightings sightings,
      FailureListener failures) {
    this.detectors = List.copyOf(detectors);
    this.signalDetectors = List.copyOf(signalDetectors);
    this.thresholds = thresholds;
    this.sightings = sightings;
    this.failures = failures;
  }

  /** The detectors that read telemetry events, in the order they run. */
  public List<SignalDetector<?>> signalDetectors() {
    return signalDetectors;
  }

  /** The bottlenecks in one event, in detector order; empty when it shows none. */
  public List<BottleneckDetected> analyze(HotpathEvent event) {
    List<BottleneckDetected> detected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (event instanceof TelemetryReport report) {
      for (Detector detector : detectors) {
        collect(event, run(detector, report), seen, detected);
      }
    }
    for (SignalDetector<?> detector : signalDetectors) {
      if (detector.input().isInstance(event)) {
        collect(event, run(detector, event), seen, detected);
      }
    }
    return detected;
  }

  private void collect(
      HotpathEvent event,
      List<Finding> findings,
      Set<String> seen,
      List<BottleneckDetected> detected) {
    for (Finding finding : findings) {
      // One bottleneck per event and fingerprint: a second one would reuse the derived id. The
      // event's tenant and service are the same for all, so type and location tell fingerprints
      // apart, and a repeat (each request of a batch showing the same N+1) is not hashed.
      if (seen.add(finding.type().name() + ' ' + finding.location())) {
        String fingerprint =
            Fingerprints.bottleneck(
                event.tenant(), event.service(), finding.type(), finding.location());
        detected.add(toEvent(event, finding, fingerprint));
      }
    }
  }

  private List<Finding> run(Detector detector, TelemetryReport report) {
    try {
      return detector.detect(report);
    } catch (RuntimeException e) {
      failed(detector, report, e);
      return List.of();
    }
  }

  private <E extends HotpathEvent> List<Finding> run(SignalDetector<E> detector, HotpathEvent in) {
    try {
      // Channels run on their own threads; a detector's windows see one event at a time.
      synchronized (detector) {
        return detector.observe(detector.input().cast(in), thresholds);
      }
    } catch (RuntimeException e) {
      failed(detector, in, e);
      return List.of();
    }
  }

  private void failed(Object detector, HotpathEvent event, RuntimeException e) {
    String name = detector.getClass().getSimpleName();
    LOG.warnf(e, "detector %s failed on event %s; skipped for it", name, event.eventId());
    failures.detectorFailed(name, event, e);
  }

  private BottleneckDetected toEvent(HotpathEvent event, Finding finding, String fingerprint) {
    Sightings.Sighting sighting = sightings.record(fingerprint, event.eventId(), event.eventTime());
    return new BottleneckDetected(
        EventIds.derived(event.eventId(), fingerprint),
        Events.SCHEMA_VERSION,
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
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
