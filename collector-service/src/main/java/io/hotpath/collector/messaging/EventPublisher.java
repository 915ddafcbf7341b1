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
 * Writes accepted events to Kafka. Each returned {@link Uni} completes only once Kafka acknowledged
 * the record ({@code acks=all}), so the caller can answer the agent truthfully.
 */
@ApplicationScoped
public class EventPublisher {
  /** Written through the sealed interface so the {@code kind} discriminator is in the JSON. */
  private static final ObjectWriter REPORT_WRITER =
      EventJson.mapper().writerFor(TelemetryReport.class);

  private final MutinyEmitter<String> reports;
  private final MutinyEmitter<String> deployments;
  private final MutinyEmitter<String> traces;
  private final MutinyEmitter<String> metrics;
  private final MutinyEmitter<String> profiles;

  public EventPublisher(
      @Channel("reports-out") MutinyEmitter<String> reports,
      @Channel("deployments-out") MutinyEmitter<String> deployments,
      @Channel("traces-out") MutinyEmitter<String> traces,
      @Channel("metrics-out") MutinyEmitter<String> metrics,
      @Channel("profiles-out") MutinyEmitter<String> profiles) {
    this.reports = reports;
    this.deployments = deployments;
    this.traces = traces;
    this.metrics = metrics;
    this.profiles = profiles;
  }

  /** Publishes on {@code hotpath.telemetry.profiles.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(ProfileCaptured profile) {
    return send(profiles, EventJson.write(profile), PartitionKeys.of(profile));
  }

  /** Publishes on {@code hotpath.telemetry.traces.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(SpansReceived spans) {
    return send(traces, EventJson.write(spans), PartitionKeys.of(spans));
  }

  /** Publishes on {@code hotpath.telemetry.metrics.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(MetricsReceived points) {
    return send(metrics, EventJson.write(points), PartitionKeys.of(points));
  }

  /** Publishes on {@code hotpath.telemetry.reports.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(TelemetryReport report) {
    String json;
    try {
      json = REPORT_WRITER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return send(reports, json, PartitionKeys.of(report));
  }

  /** Publishes on {@code hotpath.deployments.v1}, keyed {@code tenant/service}. */
  public Uni<Void> publish(DeploymentRecorded deployment) {
    return send(deployments, EventJson.write(deployment), PartitionKeys.of(deployment));
  }

  private static Uni<Void> send(MutinyEmitter<String> emitter, String json, String key) {
    Message<String> message =
        Message.of(json)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    // Deferred: an emitter whose buffer is full throws at once; that must become a failed Uni.
    return Uni.createFrom().deferred(() -> emitter.sendMessage(message));
  }
}
