package io.hotpath.collector.service;

import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.ingest.DeploymentRequest;
import io.hotpath.collector.ingest.IngestJson;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.ReportRequest;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.collector.ingest.otlp.Converted;
import io.hotpath.collector.ingest.otlp.EventIdSeed;
import io.hotpath.collector.ingest.otlp.MetricsConverter;
import io.hotpath.collector.ingest.otlp.OtlpCodec;
import io.hotpath.collector.ingest.otlp.OtlpEncoding;
import io.hotpath.collector.ingest.otlp.TraceConverter;
import io.hotpath.collector.ingest.pyroscope.PyroscopeIngest;
import io.hotpath.collector.messaging.EventPublisher;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Turns one request body into events and publishes them: one event for a Hotpath JSON report, one
 * per resource for an OTLP export. Each method returns only after Kafka acknowledged every event; a
 * body that fails any check is refused whole and nothing is published. (Inside an OTLP export,
 * single spans or points that cannot be kept are dropped and reported as OTLP's partial success.)
 *
 * <p>The methods block: the resources call them on a worker thread ({@code @Blocking}), which
 * converts the body (milliseconds of CPU for a big export, which on the event loop would stall
 * every other request of that loop), waits for Kafka's acknowledgement and answers itself. Plain
 * calls and one wait on the acknowledgements cost less per request than a reactive pipeline with
 * its context propagation and timer.
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
   * Accepts a Hotpath JSON report (startup, endpoint stats, ...) for {@code tenant}.
   *
   * @param gzipped the body is {@code Content-Encoding: gzip}; it is inflated under {@code
   *     hotpath.collector.max-decompressed-bytes}
   * @param type the request record the body must match
   * @return the event id, once Kafka acknowledged
   * @throws InvalidRequestException when the body is not a valid report
   * @throws BodyTooLargeException when the body (or what it inflates to) is over the limit
   * @throws PublishUnavailableException when Kafka did not acknowledge in time
   */
  public UUID acceptReport(
      IngestKind kind,
      String tenant,
      byte[] body,
      boolean gzipped,
      Class<? extends ReportRequest> type) {
    return accept(
        kind,
        body,
        gzipped,
        bytes -> IngestJson.read(bytes, type).toEvent(tenant, Instant.now(), UUID.randomUUID()),
        publisher::publish);
  }

  /** Accepts a deployment record for {@code tenant}; throws like {@link #acceptReport}. */
  public UUID acceptDeployment(String tenant, byte[] body, boolean gzipped) {
    return accept(
        IngestKind.DEPLOYMENT,
        body,
        gzipped,
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
   * @return the outcome, once Kafka acknowledged every event; throws like {@link #acceptReport}
   */
  public OtlpOutcome acceptTraces(
      String tenant, byte[] body, OtlpEncoding encoding, boolean gzipped) {
    return acceptOtlp(
        IngestKind.TRACES,
        body,
        gzipped,
        bytes ->
            TraceConverter.convert(
                tenant,
                OtlpCodec.traces(bytes, encoding),
                EventIdSeed.of("traces", tenant, bytes)));
  }

  /** Accepts an OTLP metrics export; one {@code MetricsReceived} per resource. */
  public OtlpOutcome acceptMetrics(
      String tenant, byte[] body, OtlpEncoding encoding, boolean gzipped) {
    return acceptOtlp(
        IngestKind.METRICS,
        body,
        gzipped,
        bytes ->
            MetricsConverter.convert(
                tenant,
                OtlpCodec.metrics(bytes, encoding),
                EventIdSeed.of("metrics", tenant, bytes)));
  }

  /**
   * Accepts a Pyroscope upload for {@code tenant}: a {@code ProfileCaptured} per profile in it
   * (one, or for JFR one per kind of event found).
   *
   * @param gzipped the body is {@code Content-Encoding: gzip}
   * @return the number of profiles stored, once Kafka acknowledged them (0 when the body held no
   *     samples); throws like {@link #acceptReport}, and {@link ForbiddenTenantException} for a
   *     {@code tenant} label of another tenant
   */
  public int acceptProfile(String tenant, PyroscopeIngest upload, byte[] body, boolean gzipped) {
    IngestKind kind = IngestKind.PROFILES;
    String named = upload.tenantLabel();
    if (named != null && !named.equals(tenant)) {
      metrics.rejected(kind, IngestMetrics.Reason.FORBIDDEN);
      throw new ForbiddenTenantException(
          "the token does not write for the tenant named in the tenant label");
    }
    long limit = config.maxDecompressedBytes();
    List<ProfileCaptured> profiles =
        decode(
            kind,
            body,
            gzipped,
            bytes ->
                upload.toEvents(
                    tenant,
                    bytes,
                    Instant.now(),
                    part -> GzipBodies.looksGzipped(part) ? GzipBodies.gunzip(part, limit) : part));
    if (profiles.isEmpty()) {
      // The body held no samples: nothing to store; Pyroscope answers success too.
      metrics.accepted(kind);
      return 0;
    }
    awaitAck(
        kind,
        publisher.publishAll(profiles),
        () -> profiles.size() + " profiles of " + tenant + "/" + profiles.get(0).service());
    return profiles.size();
  }

  private <E extends HotpathEvent> OtlpOutcome acceptOtlp(
      IngestKind kind, byte[] body, boolean gzipped, Function<byte[], Converted<E>> convert) {
    Converted<E> converted = decode(kind, body, gzipped, convert);
    OtlpOutcome outcome = new OtlpOutcome(converted.rejected(), converted.errorMessage());
    List<E> events = converted.events();
    if (events.isEmpty()) {
      // Nothing to store (an empty export, or everything rejected): OTLP answers success anyway.
      metrics.accepted(kind);
      return outcome;
    }
    awaitAck(
        kind,
        publisher.publishAll(events),
        () -> events.size() + " events of " + events.get(0).tenant());
    return outcome;
  }

  private <E extends HotpathEvent> UUID accept(
      IngestKind kind,
      byte[] body,
      boolean gzipped,
      Function<byte[], E> toEvent,
      Function<E, CompletableFuture<Void>> publish) {
    E event = decode(kind, body, gzipped, toEvent);
    awaitAck(
        kind,
        List.of(publish.apply(event)),
        () -> "event " + event.eventId() + " for " + event.tenant() + "/" + event.service());
    return event.eventId();
  }

  /**
   * The body, inflated when {@code gzipped}, converted by {@code convert}; a refusal (too large,
   * invalid) is counted and thrown, and nothing is published.
   */
  private <R> R decode(IngestKind kind, byte[] body, boolean gzipped, Function<byte[], R> convert) {
    try {
      // Bodies sent with Content-Length are refused before they are read (BodyLimitRoute); this
      // catches chunked ones.
      if (body.length > config.maxBodyBytes()) {
        throw new BodyTooLargeException(config.maxBodyBytes());
      }
      byte[] bytes = gzipped ? GzipBodies.gunzip(body, config.maxDecompressedBytes()) : body;
      try {
        return convert.apply(bytes);
      } catch (InvalidRequestException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        // A value the converter let through but an event refuses: still the body's fault.
        throw new InvalidRequestException(List.of(new Violation("", e.getMessage())), e);
      }
    } catch (BodyTooLargeException e) {
      metrics.rejected(kind, IngestMetrics.Reason.TOO_LARGE);
      throw e;
    } catch (InvalidRequestException e) {
      metrics.rejected(kind, IngestMetrics.Reason.INVALID);
      throw e;
    }
  }

  /**
   * Returns once every send completed within {@code hotpath.collector.publish-timeout}; else throws
   * a {@link PublishUnavailableException}.
   */
  private void awaitAck(
      IngestKind kind, List<CompletableFuture<Void>> sends, Supplier<String> what) {
    Throwable failure;
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(config.publishTimeout().toNanos(), TimeUnit.NANOSECONDS);
      metrics.accepted(kind);
      return;
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    }
    metrics.rejected(kind, IngestMetrics.Reason.UNAVAILABLE);
    LOG.warnf("Kafka did not take %s %s: %s", kind.tag(), what.get(), failure.toString());
    throw new PublishUnavailableException("the event could not be written to Kafka", failure);
  }
}
