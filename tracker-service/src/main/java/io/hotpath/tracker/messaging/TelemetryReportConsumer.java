package io.hotpath.tracker.messaging;

import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds each telemetry report (read as the collector writes it: a {@link TelemetryReport} told apart
 * by {@code kind}) to its version's measured baseline, then lets the validations waiting for that
 * version look at what arrived. Acknowledged after the baseline's transaction committed; unreadable
 * records go to {@code hotpath.telemetry.reports.v1.dlq}.
 */
@ApplicationScoped
public class TelemetryReportConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryReportConsumer.class);

  private final Baselines baselines;
  private final Validations validations;

  public TelemetryReportConsumer(Baselines baselines, Validations validations) {
    this.baselines = baselines;
    this.validations = validations;
  }

  @Incoming("telemetry-reports-in")
  public Uni<Void> onReport(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, TelemetryReport.class))
        .chain(baselines::record)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "telemetry report", failure))
        .chain(
            key ->
                key == null
                    ? Uni.createFrom().voidItem()
                    // The report is in; a validation that fails here is tried again by the timer.
                    : validations
                        .validateReady(key)
                        .onFailure()
                        .recoverWithItem(
                            failure -> {
                              LOG.warnf(
                                  "Validations of %s/%s %s not run now, the timer tries again: %s",
                                  key.tenant(), key.service(), key.version(), failure.toString());
                              return null;
                            })
                        .replaceWithVoid());
  }
}
