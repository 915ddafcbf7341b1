package io.hotpath.tracker.service;

import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.repository.MeasuredBaselineRepository;
import io.hotpath.tracker.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Measured baselines: each telemetry report adds its share to its version's sums, once. */
@ApplicationScoped
public class Baselines {
  public static final String REPORTS_CONSUMER = "tracker.telemetry-reports";

  private static final Logger LOG = Logger.getLogger(Baselines.class);
  private static final int LOCK_RETRIES = 5;

  private final MeasuredBaselineRepository baselines;
  private final ProcessedEventRepository processed;

  public Baselines(MeasuredBaselineRepository baselines, ProcessedEventRepository processed) {
    this.baselines = baselines;
    this.processed = processed;
  }

  /**
   * Adds the report to its version's baseline in one transaction with the record that it was
   * processed; the key of the baseline it changed, or null (a repeat, or a kind that does not
   * contribute).
   */
  public Uni<MeasuredBaseline.Key> record(TelemetryReport report) {
    if (!MeasuredBaseline.contributes(report)) {
      return Uni.createFrom().nullItem();
    }
    MeasuredBaseline.Key key =
        new MeasuredBaseline.Key(
            report.tenant(), report.service(), report.environment(), report.version());
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        processed
                            .claim(REPORTS_CONSUMER, report.eventId())
                            .chain(
                                fresh -> {
                                  if (!fresh) {
                                    LOG.debugf(
                                        "report %s already in its baseline; skipped",
                                        report.eventId());
                                    return Uni.createFrom().<MeasuredBaseline.Key>nullItem();
                                  }
                                  return baselines
                                      .findById(key)
                                      .chain(
                                          found -> {
                                            Instant now = Instant.now();
                                            if (found == null) {
                                              MeasuredBaseline created = MeasuredBaseline.of(key);
                                              created.add(report, now);
                                              return baselines.persist(created).replaceWith(key);
                                            }
                                            found.add(report, now);
                                            return Uni.createFrom().item(key);
                                          });
                                })))
        .onFailure(MatrixUpdates::lostOptimisticLock)
        .retry()
        .atMost(LOCK_RETRIES);
  }

  /** A service's measured baselines, optionally of one version only. */
  @WithSession
  public Uni<List<MeasuredBaseline>> ofService(String tenant, String service, String version) {
    return baselines.ofService(tenant, service, version);
  }

  /** One version's measured baseline, or null. */
  @WithSession
  public Uni<MeasuredBaseline> of(MeasuredBaseline.Key key) {
    return baselines.findById(key);
  }
}
