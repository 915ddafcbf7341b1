package io.hotpath.tracker.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Applies one poll of a JSON topic in one transaction: the records that cannot be read go to the
 * channel's dead-letter topic with the reason, the readable ones are applied together, and when
 * that transaction fails they are applied one by one, so only a record that cannot be applied goes
 * to the dead-letter topic and the rest are kept. Records the consumer does not need can be skipped
 * before they are read. The poll is acknowledged only after every record was applied, skipped or
 * dead-lettered.
 *
 * @param <V> the record value as the channel deserializes it ({@code String} or {@code byte[]})
 * @param <T> the event type of the topic
 */
final class PollOfRecords<V, T> {
  private final Function<V, T> read;
  private final Predicate<V> skipped;
  private final String what;
  private final Logger log;
  private final Function<List<T>, Uni<Void>> applyAll;
  private final Function<T, Uni<Void>> applyOne;
  private final PollTimes times;

  /**
   * @param read reads a record's value, throwing when it is not a valid event
   * @param skipped true for a value the consumer does not need (never read, never dead-lettered)
   * @param what the records' name in the log ("plan")
   * @param applyAll applies events in order in one transaction, all or none
   * @param applyOne applies one event in its own transaction
   * @param times where the records' wait and the polls' work are measured
   */
  PollOfRecords(
      Function<V, T> read,
      Predicate<V> skipped,
      String what,
      Logger log,
      Function<List<T>, Uni<Void>> applyAll,
      Function<T, Uni<Void>> applyOne,
      PollTimes times) {
    this.read = read;
    this.skipped = skipped;
    this.what = what;
    this.log = log;
    this.applyAll = applyAll;
    this.applyOne = applyOne;
    this.times = times;
  }

  /** A poll of a topic whose every record is read. */
  PollOfRecords(
      Function<V, T> read,
      String what,
      Logger log,
      Function<List<T>, Uni<Void>> applyAll,
      Function<T, Uni<Void>> applyOne,
      PollTimes times) {
    this(read, value -> false, what, log, applyAll, applyOne, times);
  }

  /** Applies the poll; completes once it was acknowledged. */
  Uni<Void> apply(KafkaRecordBatch<String, V> batch) {
    long started = times.started(batch);
    List<Readable<V, T>> readable = new ArrayList<>();
    List<KafkaRecord<String, V>> unreadable = new ArrayList<>();
    List<Throwable> reasons = new ArrayList<>();
    for (KafkaRecord<String, V> record : batch.getRecords()) {
      if (skipped.test(record.getPayload())) {
        continue;
      }
      try {
        readable.add(new Readable<>(record, read.apply(record.getPayload())));
      } catch (RuntimeException failure) {
        unreadable.add(record);
        reasons.add(failure);
      }
    }
    Uni<Void> applied =
        readable.isEmpty()
            ? Uni.createFrom().voidItem()
            : applyAll
                .apply(readable.stream().map(Readable::event).toList())
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      log.warnf(
                          failure,
                          "A batch of %d %s records failed, applying them one by one: %s",
                          readable.size(),
                          what,
                          failure.toString());
                      return oneByOne(readable);
                    });
    return applied
        .chain(() -> Failures.deadLetter(log, what, unreadable, reasons))
        .chain(() -> Uni.createFrom().completionStage(batch::ack))
        .invoke(() -> times.done(started));
  }

  /** Applies each record alone; one that fails goes to the dead-letter topic with the reason. */
  private Uni<Void> oneByOne(List<Readable<V, T>> records) {
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(
            r ->
                applyOne
                    .apply(r.event())
                    .onFailure()
                    .recoverWithUni(
                        failure ->
                            Failures.deadLetter(log, what, List.of(r.record()), List.of(failure))))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private record Readable<V, T>(KafkaRecord<String, V> record, T event) {}
}
