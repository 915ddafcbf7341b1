package io.hotpath.tracker.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.tracker.service.MatrixUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tracks each detected bottleneck. The record is acknowledged only after the matrix transaction
 * committed; one that cannot be read or applied goes to {@code hotpath.bottlenecks.v1.dlq} with the
 * reason, and the partition moves on.
 */
@ApplicationScoped
public class BottleneckConsumer {
  private static final Logger LOG = Logger.getLogger(BottleneckConsumer.class);

  private final MatrixUpdates matrix;

  public BottleneckConsumer(MatrixUpdates matrix) {
    this.matrix = matrix;
  }

  @Incoming("bottlenecks-in")
  public Uni<Void> onBottleneck(String payload) {
    return Uni.createFrom()
        .item(() -> read(payload, BottleneckDetected.class))
        .chain(matrix::recordDetection)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "bottleneck", failure));
  }

  static <T> T read(String payload, Class<T> type) {
    if (payload == null || payload.isBlank()) {
      throw new InvalidEventException(type.getSimpleName() + ": the record has no value", "", null);
    }
    return EventJson.read(payload, type);
  }
}
