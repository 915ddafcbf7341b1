package io.hotpath.tracker.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.tracker.service.MatrixUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tracks the detected bottlenecks of each poll of {@code hotpath.bottlenecks.v1} in one matrix
 * transaction (a fleet of new services sends them in bursts). The poll is acknowledged only after
 * that transaction committed. A record that cannot be read goes to {@code
 * hotpath.bottlenecks.v1.dlq} with the reason; when the transaction fails, the records are applied
 * one by one, so only one that cannot be applied goes to the dead-letter topic and the rest are
 * tracked. Every record is applied or dead-lettered before the poll's offsets are committed ({@link
 * PollOfRecords}).
 */
@ApplicationScoped
public class BottleneckConsumer {
  private static final Logger LOG = Logger.getLogger(BottleneckConsumer.class);

  private final PollOfRecords<String, BottleneckDetected> polls;

  public BottleneckConsumer(MatrixUpdates matrix, MeterRegistry registry) {
    this.polls =
        new PollOfRecords<>(
            payload -> read(payload, BottleneckDetected.class),
            "bottleneck",
            LOG,
            matrix::recordDetections,
            matrix::recordDetection,
            new PollTimes(registry, "bottlenecks-in"));
  }

  @Incoming("bottlenecks-in")
  public Uni<Void> onBottlenecks(KafkaRecordBatch<String, String> batch) {
    return polls.apply(batch);
  }

  static <T> T read(String payload, Class<T> type) {
    if (payload == null || payload.isBlank()) {
      throw new InvalidEventException(type.getSimpleName() + ": the record has no value", "", null);
    }
    return EventJson.read(payload, type);
  }

  /** The same from the record's bytes, not decoded to a String first. */
  static <T> T read(byte[] payload, Class<T> type) {
    return read(payload, type, type);
  }

  /** The same into {@code shape}, a narrower view of {@code event}; errors name the event. */
  static <T> T read(byte[] payload, Class<T> shape, Class<?> event) {
    if (payload == null || blank(payload)) {
      throw new InvalidEventException(
          event.getSimpleName() + ": the record has no value", "", null);
    }
    return EventJson.read(payload, shape, event);
  }

  private static boolean blank(byte[] payload) {
    for (byte b : payload) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
