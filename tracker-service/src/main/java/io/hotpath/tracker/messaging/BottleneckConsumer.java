package io.hotpath.tracker.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.tracker.service.MatrixUpdates;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tracks the detected bottlenecks of each poll of {@code hotpath.bottlenecks.v1} in one matrix
 * transaction (a fleet of new services sends them in bursts). The poll is acknowledged only after
 * that transaction committed. A record that cannot be read goes to {@code
 * hotpath.bottlenecks.v1.dlq} with the reason; when the transaction fails, the records are applied
 * one by one, so only one that cannot be applied goes to the dead-letter topic and the rest are
 * tracked. Every record is applied or dead-lettered before the poll's offsets are committed.
 */
@ApplicationScoped
public class BottleneckConsumer {
  private static final Logger LOG = Logger.getLogger(BottleneckConsumer.class);

  private final MatrixUpdates matrix;

  public BottleneckConsumer(MatrixUpdates matrix) {
    this.matrix = matrix;
  }

  @Incoming("bottlenecks-in")
  public Uni<Void> onBottlenecks(KafkaRecordBatch<String, String> batch) {
    List<Readable> readable = new ArrayList<>();
    List<KafkaRecord<String, String>> unreadable = new ArrayList<>();
    List<Throwable> reasons = new ArrayList<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      try {
        readable.add(new Readable(record, read(record.getPayload(), BottleneckDetected.class)));
      } catch (RuntimeException failure) {
        unreadable.add(record);
        reasons.add(failure);
      }
    }
    Uni<Void> applied =
        readable.isEmpty()
            ? Uni.createFrom().voidItem()
            : matrix
                .recordDetections(readable.stream().map(Readable::event).toList())
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      LOG.warnf(
                          "A batch of %d bottleneck records failed, applying them one by one: %s",
                          readable.size(), failure.toString());
                      return oneByOne(readable);
                    });
    return applied
        .chain(() -> Failures.deadLetter(LOG, "bottleneck", unreadable, reasons))
        .chain(() -> Uni.createFrom().completionStage(batch::ack));
  }

  /** Applies each record alone; one that fails goes to the dead-letter topic with the reason. */
  private Uni<Void> oneByOne(List<Readable> records) {
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(
            r ->
                matrix
                    .recordDetection(r.event())
                    .onFailure()
                    .recoverWithUni(
                        failure ->
                            Failures.deadLetter(
                                LOG, "bottleneck", List.of(r.record()), List.of(failure))))
        .collect()
        .last()
        .replaceWithVoid();
  }

  static <T> T read(String payload, Class<T> type) {
    if (payload == null || payload.isBlank()) {
      throw new InvalidEventException(type.getSimpleName() + ": the record has no value", "", null);
    }
    return EventJson.read(payload, type);
  }

  /** The same from the record's bytes, not decoded to a String first. */
  static <T> T read(byte[] payload, Class<T> type) {
    if (payload == null || blank(payload)) {
      throw new InvalidEventException(type.getSimpleName() + ": the record has no value", "", null);
    }
    return EventJson.read(payload, type);
  }

  private static boolean blank(byte[] payload) {
    for (byte b : payload) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private record Readable(KafkaRecord<String, String> record, BottleneckDetected event) {}
}
