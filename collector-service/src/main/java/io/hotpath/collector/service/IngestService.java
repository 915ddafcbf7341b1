package io.hotpath.collector.service;

import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.ingest.DeploymentRequest;
import io.hotpath.collector.ingest.IngestJson;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.StartupReportRequest;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.collector.ingest.otlp.Converted;
import io.hotpath.collector.ingest.otlp.EventIdSeed;
import io.hotpath.collector.ingest.otlp.MetricsConverter;
import io.hotpath.collector.ingest.otlp.OtlpCodec;
import io.hotpath.collector.ingest.otlp.OtlpEncoding;
import io.hotpath.collector.ingest.otlp.TraceConverter;
import io.hotpath.collector.messaging.EventPublisher;
import io.hotpath.contracts.HotpathEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Turns one request body into events and publishes them: one event for a Hotpath JSON report, one
 * per resource for an OTLP export. The result completes only after Kafka acknowledged every event;
 * a body that fails any check is refused whole and nothing is published. (Inside an OTLP export,
 * single spans or points that cannot be kept are dropped and reported as OTLP's partial success.)
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

  /**
   * Accepts an OTLP trace export for {@code tenant}: one {@code SpansReceived} per resource.
   *
   * @param gzipped the body is {@code Content-Encoding: gzip}; it is inflated under {@code
   *     hotpath.collector.max-decompressed-bytes}
   * @return the outcome, once Kafka acknowledged every event; fails like {@link
   *     #acceptStartupReport}
   */
  public Uni<OtlpOutcome> acceptTraces(
      String tenant, byte[] body, OtlpEncoding encoding, boolean gzipped) {
    return acceptOtlp(
        IngestKind.TRACES,
        body,
        gzipped,
        bytes ->
            TraceConverter.convert(
                tenant, OtlpCodec.traces(bytes, encoding), EventIdSeed.of("traces", tenant, bytes)),
        publisher::publish);
  }

  /** Accepts an OTLP metrics export; one {@code MetricsReceived} per resource. */
  public Uni<OtlpOutcome> acceptMetrics(
      String tenant, byte[] body, OtlpEncoding encoding, boolean gzipped) {
    return acceptOtlp(
        IngestKind.METRICS,
        body,
        gzipped,
        bytes ->
            MetricsConverter.convert(
                tenant,
                OtlpCodec.metrics(bytes, encoding),
                EventIdSeed.of("metrics", tenant, bytes)),
        publisher::publish);
  }

  private <E extends HotpathEvent> Uni<OtlpOutcome> acceptOtlp(
      IngestKind kind,
      byte[] body,
      boolean gzipped,
      Function<byte[], Converted<E>> convert,
      Function<E, Uni<Void>> publish) {
    if (body.length > config.maxBodyBytes()) {
      metrics.rejected(kind, IngestMetrics.Reason.TOO_LARGE);
      return Uni.createFrom().failure(new BodyTooLargeException(config.maxBodyBytes()));
    }
    Converted<E> converted;
    try {
      byte[] bytes = gzipped ? GzipBodies.gunzip(body, config.maxDecompressedBytes()) : body;
      converted = convert.apply(bytes);
    } catch (BodyTooLargeException e) {
      metrics.rejected(kind, IngestMetrics.Reason.TOO_LARGE);
      return Uni.createFrom().failure(e);
    } catch (InvalidRequestException e) {
      metrics.rejected(kind, IngestMetrics.Reason.INVALID);
      return Uni.createFrom().failure(e);
    } catch (IllegalArgumentException e) {
      // A value the converter let through but an event refuses: still the body's fault.
      metrics.rejected(kind, IngestMetrics.Reason.INVALID);
      return Uni.createFrom()
          .failure(new InvalidRequestException(List.of(new Violation("", e.getMessage())), e));
    }
    OtlpOutcome outcome = new OtlpOutcome(converted.rejected(), converted.errorMessage());
    List<E> events = converted.events();
    if (events.isEmpty()) {
      // Nothing to store (an empty export, or everything rejected): OTLP answers success anyway.
      metrics.accepted(kind);
      return Uni.createFrom().item(outcome);
    }
    Uni<Void> all = Uni.combine().all().unis(events.stream().map(publish).toList()).discardItems();
    return awaitAck(
        kind, all, () -> events.size() + " events of " + events.get(0).tenant(), outcome);
  }

  /**
   * {@code item} once {@code publish} completed within {@code hotpath.collector.publish-timeout};
   * else a {@link PublishUnavailableException}.
   */
  private <T> Uni<T> awaitAck(IngestKind kind, Uni<Void> publish, Supplier<String> what, T item) {
    return publish
        .ifNoItem()
        .after(config.publishTimeout())
        .fail()
        .onItemOrFailure()
        .transformToUni(
            (ignored, failure) -> {
              if (failure == null) {
                metrics.accepted(kind);
                return Uni.createFrom().item(item);
              }
              metrics.rejected(kind, IngestMetrics.Reason.UNAVAILABLE);
              LOG.warnf("Kafka did not take %s %s: %s", kind.tag(), what.get(), failure.toString());
              return Uni.createFrom()
                  .<T>failure(
                      new PublishUnavailableException(
                          "the event could not be written to Kafka", failure));
            });
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
    return awaitAck(
        kind,
        publish.apply(event),
        () -> "event " + event.eventId() + " for " + event.tenant() + "/" + event.service(),
        event.eventId());
  }
}
