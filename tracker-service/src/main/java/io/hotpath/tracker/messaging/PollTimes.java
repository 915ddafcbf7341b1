package io.hotpath.tracker.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a channel's records wait before the tracker takes them up, and how long it then takes
 * with a poll, on {@code /q/metrics} with p50, p95 and p99 over the last few minutes. Together they
 * tell a lag in Kafka or in the tracker's queue ({@code hotpath.tracker.record.wait}) from slow
 * transactions ({@code hotpath.tracker.poll.duration}).
 */
final class PollTimes {
  private final Timer waited;
  private final Timer applied;

  PollTimes(MeterRegistry registry, String channel) {
    this.waited =
        Timer.builder("hotpath.tracker.record.wait")
            .description(
                "From a record's timestamp (when it was sent) to the start of its poll's work")
            .tag("channel", channel)
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    this.applied =
        Timer.builder("hotpath.tracker.poll.duration")
            .description("From the start of a poll's work to its acknowledgement")
            .tag("channel", channel)
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
  }

  /** Records each record's wait until now; the start of the poll's work. */
  long started(KafkaRecordBatch<String, ?> batch) {
    long now = System.currentTimeMillis();
    for (KafkaRecord<String, ?> record : batch.getRecords()) {
      Instant sent = record.getTimestamp();
      if (sent != null) {
        waited.record(Duration.ofMillis(Math.max(0, now - sent.toEpochMilli())));
      }
    }
    return System.nanoTime();
  }

  /** Records the poll's work, from {@link #started}. */
  void done(long startedNanos) {
    applied.record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }
}
