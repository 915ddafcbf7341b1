package io.hotpath.collector.service;

import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.ingest.DeploymentRequest;
import io.hotpath.collector.ingest.IngestJson;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.StartupReportRequest;
import io.hotpath.collector.messaging.EventPublisher;
import io.hotpath.contracts.HotpathEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns one request body into one event and publishes it. The result completes with the event id
 * only after Kafka acknowledged the event; a body that fails any check is refused whole and nothing
 * is published.
 */
@ApplicationScoped
public class IngestService {
  private static final Logger LOG = Logger.getLogger(IngestService.class);

  private final EventPublisher publisher;
  private final IngestMetrics metrics;
  private final CollectorConfig config;

  public IngestService(EventPublisher publisher, IngestMetrics metrics, CollectorConfig config) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
  }

  /**
   * Accepts a startup report for {@code tenant}.
   *
   * @return the event id, once Kafka acknowledged; fails with {@link InvalidRequestException},
   *     {@link BodyTooLargeException} or {@link PublishUnavailableException}
   */
  public Uni<UUID> acceptStartupReport(String tenant, byte[] body) {
    return accept(
        IngestKind.STARTUP,
        body,
        bytes ->
            IngestJson.read(bytes, StartupReportRequest.class)
                .toEvent(tenant, Instant.now(), UUID.randomUUID()),
        publisher::publish);
  }

  /** Accepts a deployment record for {@code tenant}; fails like {@link #acceptStartupReport}. */
  public Uni<UUID> acceptDeployment(String tenant, byte[] body) {
    return accept(
        IngestKind.DEPLOYMENT,
        body,
        bytes ->
            IngestJson.read(bytes, DeploymentRequest.class)
                .toEvent(tenant, Instant.now(), UUID.randomUUID()),
        publisher::publish);
  }

  private <E extends HotpathEvent> Uni<UUID> accept(
      IngestKind kind, byte[] body, Function<byte[], E> toEvent, Function<E, Uni<Void>> publish) {
    // Bodies sent with Content-Length are refused before they are read (BodyLimitRoute); this
    // catches chunked ones.
    if (body.length > config.maxBodyBytes()) {
      metrics.rejected(kind, IngestMetrics.Reason.TOO_LARGE);
      return Uni.createFrom().failure(new BodyTooLargeException(config.maxBodyBytes()));
    }
    E event;
    try {
      event = toEvent.apply(body);
    } catch (InvalidRequestException e) {
      metrics.rejected(kind, IngestMetrics.Reason.INVALID);
      return Uni.createFrom().failure(e);
    }
    return publish
        .apply(event)
        .ifNoItem()
        .after(config.publishTimeout())
        .fail()
        .onItemOrFailure()
        .transformToUni(
            (ignored, failure) -> {
              if (failure == null) {
                metrics.accepted(kind);
                return Uni.createFrom().item(event.eventId());
              }
              metrics.rejected(kind, IngestMetrics.Reason.UNAVAILABLE);
              LOG.warnf(
                  "Kafka did not take %s event %s for %s/%s: %s",
                  kind.tag(), event.eventId(), event.tenant(), event.service(), failure.toString());
              return Uni.createFrom()
                  .failure(
                      new PublishUnavailableException(
                          "the event could not be written to Kafka", failure));
            });
  }
}
