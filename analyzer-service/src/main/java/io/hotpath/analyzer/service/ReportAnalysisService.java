package io.hotpath.analyzer.service;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.telemetry.TelemetryReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Analyzes each telemetry report once. A report whose id was already processed is skipped; a report
 * counts as processed only after its bottlenecks were durably published ({@link #processed}), so a
 * failed publish is analyzed again when the report comes back.
 */
@ApplicationScoped
public class ReportAnalysisService {
  private final BottleneckAnalyzer analyzer;
  private final RecentEventIds seen;

  public ReportAnalysisService(BottleneckAnalyzer analyzer, RecentEventIds seen) {
    this.analyzer = analyzer;
    this.seen = seen;
  }

  /** Whether this report was already processed and should be skipped. */
  public boolean isRepeat(TelemetryReport report) {
    return seen.contains(report.eventId());
  }

  /** The bottlenecks in the report; empty for kinds no detector handles yet. */
  public List<BottleneckDetected> analyze(TelemetryReport report) {
    return analyzer.analyze(report);
  }

  /** Marks the report processed: its effects are durable. */
  public void processed(UUID reportEventId) {
    seen.add(reportEventId);
  }
}
