package io.hotpath.collector.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes accepted events to Kafka, as UTF-8 JSON bytes written once (not a String the serializer
 * would encode a second time). Each returned {@link Uni} completes only once Kafka acknowledged the
 * record ({@code acks=all}), so the caller can answer the agent truthfully.
 */
@ApplicationScoped
public class EventPublisher {
  /** Written through the sealed interface so the {@code kind} discriminator is in the JSON. */
  private static final ObjectWriter REPORT_WRITER =
      EventJson.mapper().writerFor(TelemetryReport.class);

  private final MutinyEmitter<byte[]> reports;
  private final MutinyEmitter<byte[]> deployments;
  private final MutinyEmitter<byte[]> traces;
  private final MutinyEmitter<byte[]> metrics;
  private final MutinyEmitter<byte[]> profiles;

  public EventPublisher(
      @Channel("reports-out") MutinyEmitter<byte[]> reports,
      @Channel("deployments-out") MutinyEmitter<byte[]> deployments,
      @Channel("traces-out") MutinyEmitter<byte[]> traces,
      @Channel("metrics-out") MutinyEmitter<byte[]> metrics,
      @Channel("profiles-out") MutinyEmitter<byte[]> profiles) {
    this.reports = reports;
    this.deployments = deployments;
    this.traces = traces;
    this.metrics = metrics;
    this.profiles = profiles;
  }

  /** Publishes on {@code hotpath.telemetry.profiles.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(ProfileCaptured profile) {
    return send(profiles, EventJson.writeBytes(profile), PartitionKeys.of(profile));
  }

  /** Publishes on {@code hotpath.telemetry.traces.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(SpansReceived spans) {
    return send(traces, EventJson.writeBytes(spans), PartitionKeys.of(spans));
  }

  /** Publishes on {@code hotpath.telemetry.metrics.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(MetricsReceived points) {
    return send(metrics, EventJson.writeBytes(points), PartitionKeys.of(points));
  }

  /** Publishes on {@code hotpath.telemetry.reports.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(TelemetryReport report) {
    byte[] json;
    try {
      json = REPORT_WRITER.writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return send(reports, json, PartitionKeys.of(report));
  }

  /** Publishes on {@code hotpath.deployments.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(DeploymentRecorded deployment) {
    return send(deployments, EventJson.writeBytes(deployment), PartitionKeys.of(deployment));
  }

  private static Uni<Void> send(MutinyEmitter<byte[]> emitter, byte[] json, String key) {
    Message<byte[]> message =
        Message.of(json)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    // Deferred: an emitter whose buffer is full throws at once; that must become a failed Uni.
    return Uni.createFrom().deferred(() -> emitter.sendMessage(message));
  }
}
