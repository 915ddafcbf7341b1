package io.hotpath.tracker.messaging;

import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds the cache counters of each metric batch to its version's measured baseline (batches without
 * one are skipped before any database work), then lets the validations waiting for that version
 * look at what arrived. Acknowledged after the baseline's transaction committed; unreadable records
 * go to {@code hotpath.telemetry.metrics.v1.dlq}.
 */
@ApplicationScoped
public class TelemetryMetricsConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryMetricsConsumer.class);

  private final Baselines baselines;
  private final Validations validations;

  public TelemetryMetricsConsumer(Baselines baselines, Validations validations) {
    this.baselines = baselines;
    this.validations = validations;
  }

  @Incoming("telemetry-metrics-in")
  public Uni<Void> onMetrics(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, MetricsReceived.class))
        .chain(baselines::record)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "metrics", failure))
        .chain(key -> ValidateChanged.after(validations, key, LOG));
  }
}
