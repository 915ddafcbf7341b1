package io.hotpath.analyzer.detect;

import io.hotpath.contracts.telemetry.TelemetryReport;
import java.util.List;

/**
 * One class of bottleneck, found in one report. Detectors are plain logic: no state across reports
 * (that is {@link Sightings}'), no I/O. A detector ignores report kinds it does not understand.
 */
public interface Detector {

  /** The bottlenecks this report shows; empty when none or when the report is not for it. */
  List<Finding> detect(TelemetryReport report);
}
