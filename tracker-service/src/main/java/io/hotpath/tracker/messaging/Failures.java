package io.hotpath.tracker.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import org.jboss.logging.Logger;

/** One way to log a record that failed and to send it to its dead-letter topic. */
final class Failures {
  private Failures() {}

  /** Logs what went wrong, never the record itself (it may be large). */
  static void log(Logger log, String what, Throwable failure) {
    log.warnf(
        "%s record not applied, it goes to the dead-letter topic: %s", what, failure.toString());
    log.debugf(failure, "%s record failure", what);
  }

  /**
   * Logs each failure and hands its record of a polled batch to the channel's failure strategy (the
   * dead-letter topic, with the reason); completes once they are all there, so the batch may be
   * acknowledged after. It completes on the Vert.x context it was called on: the dead-letter
   * producer acknowledges on its own thread, and the next record's database work needs the
   * message's context.
   */
  static Uni<Void> deadLetter(
      Logger log, String what, List<? extends KafkaRecord<?, ?>> records, List<Throwable> reasons) {
    Context context = Vertx.currentContext();
    Uni<Void> sent =
        Multi.createFrom()
            .range(0, records.size())
            .onItem()
            .transformToUniAndConcatenate(
                i -> {
                  log(log, what, reasons.get(i));
                  return Uni.createFrom()
                      .completionStage(() -> records.get(i).nack(reasons.get(i)));
                })
            .collect()
            .last()
            .replaceWithVoid();
    return context == null
        ? sent
        : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
  }
}
