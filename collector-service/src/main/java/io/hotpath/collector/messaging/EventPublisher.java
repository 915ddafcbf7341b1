package io.hotpath.collector.messaging;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Writes accepted events to Kafka, as UTF-8 JSON bytes written once (not a String the serializer
 * would encode a second time). Each returned future completes only once Kafka acknowledged the
 * record ({@code acks=all}), so the caller can answer the agent truthfully.
 *
 * <p>The records go straight to the Kafka producer of each channel ({@link
 * KafkaClientService#getProducer}), from the thread that handles the request. The channels keep
 * their configuration ({@code mp.messaging.outgoing.<channel>.*}: topic, acks, compression,
 * timeouts), their producer's lifecycle and their readiness check; the emitters only declare them.
 * Sending through an emitter cost a hop to the channel's sending thread and one back to the Vert.x
 * context for every record; the sending thread alone took a tenth of the collector's CPU.
 */
@ApplicationScoped
public class EventPublisher {
  /** Written through the sealed interface so the {@code kind} discriminator is in the JSON. */
  private static final ObjectWriter REPORT_WRITER =
      EventJson.mapper().writerFor(TelemetryReport.class);

  /** The shared event mapper's writer: each event written as its own (runtime) type. */
  private static final ObjectWriter EVENT_WRITER = EventJson.mapper().writer();

  private final Sink reports;
  private final Sink deployments;
  private final Sink traces;
  private final Sink metrics;
  private final Sink profiles;

  public EventPublisher(
      KafkaClientService kafka,
      Config config,
      // Declare the channels (their sink, producer and health check); nothing is sent through them.
      @Channel("reports-out") MutinyEmitter<byte[]> reports,
      @Channel("deployments-out") MutinyEmitter<byte[]> deployments,
      @Channel("traces-out") MutinyEmitter<byte[]> traces,
      @Channel("metrics-out") MutinyEmitter<byte[]> metrics,
      @Channel("profiles-out") MutinyEmitter<byte[]> profiles) {
    this.reports = Sink.of(kafka, config, "reports-out");
    this.deployments = Sink.of(kafka, config, "deployments-out");
    this.traces = Sink.of(kafka, config, "traces-out");
    this.metrics = Sink.of(kafka, config, "metrics-out");
    this.profiles = Sink.of(kafka, config, "profiles-out");
  }

  /** Publishes on {@code hotpath.telemetry.profiles.v1}, keyed {@code tenant/service}. */
  public CompletableFuture<Void> publish(ProfileCaptured profile) {
    return write(profile).send();
  }

  /** Publishes on {@code hotpath.telemetry.traces.v1}, keyed {@code tenant/service}. */
  public CompletableFuture<Void> publish(SpansReceived spans) {
    return write(spans).send();
  }

  /** Publishes on {@code hotpath.telemetry.metrics.v1}, keyed {@code tenant/service}. */
  public CompletableFuture<Void> publish(MetricsReceived points) {
    return write(points).send();
  }

  /** Publishes on {@code hotpath.telemetry.reports.v1}, keyed {@code tenant/service}. */
  public CompletableFuture<Void> publish(TelemetryReport report) {
    return write(report).send();
  }

  /** Publishes on {@code hotpath.deployments.v1}, keyed {@code tenant/service}. */
  public CompletableFuture<Void> publish(DeploymentRecorded deployment) {
    return write(deployment).send();
  }

  /**
   * Publishes every event of one request, each on its topic. All are written before any is sent, so
   * an event that cannot be written fails the call with nothing sent.
   */
  public List<CompletableFuture<Void>> publishAll(List<? extends HotpathEvent> events) {
    List<Written> written = events.stream().map(this::write).toList();
    return written.stream().map(Written::send).toList();
  }

  private Written write(HotpathEvent event) {
    String key = PartitionKeys.of(event);
    if (event instanceof TelemetryReport) {
      return new Written(reports, key, EventBytes.write(REPORT_WRITER, event));
    }
    Sink sink;
    if (event instanceof SpansReceived) {
      sink = traces;
    } else if (event instanceof MetricsReceived) {
      sink = metrics;
    } else if (event instanceof ProfileCaptured) {
      sink = profiles;
    } else if (event instanceof DeploymentRecorded) {
      sink = deployments;
    } else {
      throw new IllegalArgumentException(
          "no topic for " + event.getClass().getSimpleName() + " in the collector");
    }
    return new Written(sink, key, EventBytes.write(EVENT_WRITER, event));
  }

  /** One record, written and keyed, ready to send. */
  private record Written(Sink sink, String key, byte[] json) {
    CompletableFuture<Void> send() {
      return sink.send(key, json);
    }
  }

  /** A channel's Kafka producer and the topic its configuration names. */
  private record Sink(String name, String topic, Producer<String, byte[]> producer) {
    static Sink of(KafkaClientService kafka, Config config, String name) {
      String topic =
          config
              .getOptionalValue("mp.messaging.outgoing." + name + ".topic", String.class)
              .orElse(name);
      io.smallrye.reactive.messaging.kafka.KafkaProducer<String, byte[]> producer =
          kafka.getProducer(name);
      if (producer == null) {
        throw new IllegalStateException("the Kafka channel " + name + " is not configured");
      }
      return new Sink(name, topic, producer.unwrap());
    }

    /**
     * Sends now; completes on Kafka's acknowledgement. A send the producer refuses at once (closed,
     * record too large, no metadata within {@code max.block.ms}) fails the future.
     */
    CompletableFuture<Void> send(String key, byte[] json) {
      CompletableFuture<Void> acked = new CompletableFuture<>();
      try {
        producer.send(
            new ProducerRecord<>(topic, key, json),
            (metadata, failure) -> {
              if (failure == null) {
                acked.complete(null);
              } else {
                acked.completeExceptionally(failure);
              }
            });
      } catch (RuntimeException e) {
        acked.completeExceptionally(e);
      }
      return acked;
    }
  }
}
