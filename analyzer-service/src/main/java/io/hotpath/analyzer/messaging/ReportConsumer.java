package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.service.AnalyzerMetrics;
import io.hotpath.analyzer.service.ReportAnalysisService;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code hotpath.telemetry.reports.v1}. A record is acknowledged (and its offset committed)
 * only after every bottleneck it produced was acknowledged by Kafka. A record that is not a valid
 * report fails here and goes to {@code hotpath.telemetry.reports.v1.dlq} with the reason; the next
 * record is processed as usual.
 */
@ApplicationScoped
public class ReportConsumer {
  private static final Logger LOG = Logger.getLogger(ReportConsumer.class);

  private final ReportAnalysisService analysis;
  private final BottleneckPublisher publisher;
  private final AnalyzerMetrics metrics;

  public ReportConsumer(
      ReportAnalysisService analysis, BottleneckPublisher publisher, AnalyzerMetrics metrics) {
    this.analysis = analysis;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @Incoming("reports-in")
  public Uni<Void> consume(String payload) {
    if (payload == null) {
      metrics.invalid();
      return Uni.createFrom().failure(new IllegalArgumentException("record has no value"));
    }
    TelemetryReport report;
    try {
      report = EventJson.read(payload, TelemetryReport.class);
    } catch (RuntimeException e) {
      metrics.invalid();
      LOG.warnf("dead-lettering a record that is not a valid report: %s", e.getMessage());
      // The message becomes the dead-letter reason; the payload itself stays in the DLQ record.
      return Uni.createFrom().failure(e);
    }
    if (analysis.isRepeat(report)) {
      metrics.repeat(report);
      LOG.debugf("skipping repeated report %s", report.eventId());
      return Uni.createFrom().voidItem();
    }
    List<BottleneckDetected> bottlenecks = analysis.analyze(report);
    return publisher
        .publishAll(bottlenecks)
        .invoke(() -> analysis.processed(report.eventId()))
        .invoke(
            () -> {
              metrics.analyzed(report);
              bottlenecks.forEach(b -> metrics.published(b.type()));
              if (!bottlenecks.isEmpty()) {
                LOG.debugf(
                    "report %s of %s/%s: %d bottleneck(s)",
                    report.eventId(), report.tenant(), report.service(), bottlenecks.size());
              }
            });
  }
}
