package io.hotpath.tracker.messaging;

import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
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
 * Adds the cache counters of each poll's metric batches to their versions' measured baselines in
 * one transaction, then lets the validations waiting for those versions look at what arrived. A
 * record that cannot hold a cache counter (no {@code cache} in its bytes) is skipped before it is
 * decoded or parsed. Acknowledged after the transaction committed; an unreadable record goes to
 * {@code hotpath.telemetry.metrics.v1.dlq}, and when the transaction fails the records are applied
 * one by one so that only one that cannot be applied goes there.
 */
@ApplicationScoped
public class TelemetryMetricsConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryMetricsConsumer.class);
  private static final byte[] CACHE = {'c', 'a', 'c', 'h', 'e'};

  private final Baselines baselines;
  private final Validations validations;

  public TelemetryMetricsConsumer(Baselines baselines, Validations validations) {
    this.baselines = baselines;
    this.validations = validations;
  }

  @Incoming("telemetry-metrics-in")
  public Uni<Void> onMetrics(KafkaRecordBatch<String, byte[]> batch) {
    List<KafkaRecord<String, byte[]>> records = new ArrayList<>();
    List<MetricsReceived> readable = new ArrayList<>();
    List<KafkaRecord<String, byte[]>> unreadable = new ArrayList<>();
    List<Throwable> reasons = new ArrayList<>();
    for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
      if (cannotHoldCacheCounter(record.getPayload())) {
        continue;
      }
      try {
        readable.add(BottleneckConsumer.read(record.getPayload(), MetricsReceived.class));
        records.add(record);
      } catch (RuntimeException failure) {
        unreadable.add(record);
        reasons.add(failure);
      }
    }
    Uni<Void> applied =
        readable.isEmpty()
            ? Uni.createFrom().voidItem()
            : baselines
                .recordAll(readable)
                .chain(changed -> ValidateChanged.after(validations, changed, LOG))
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      LOG.warnf(
                          "A batch of %d metric records failed, applying them one by one: %s",
                          readable.size(), failure.toString());
                      return oneByOne(records, readable);
                    });
    return applied
        .chain(() -> Failures.deadLetter(LOG, "metrics", unreadable, reasons))
        .chain(() -> Uni.createFrom().completionStage(batch::ack));
  }

  private Uni<Void> oneByOne(
      List<KafkaRecord<String, byte[]>> records, List<MetricsReceived> events) {
    return Multi.createFrom()
        .range(0, records.size())
        .onItem()
        .transformToUniAndConcatenate(
            i ->
                baselines
                    .record(events.get(i))
                    .onFailure()
                    .recoverWithUni(
                        failure ->
                            Failures.deadLetter(
                                    LOG, "metrics", List.of(records.get(i)), List.of(failure))
                                .replaceWith((MeasuredBaseline.Key) null))
                    .chain(key -> ValidateChanged.after(validations, key, LOG)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * True when the record's bytes cannot hold a cache counter: every cache counter's name holds
   * {@code cache} in some letter case (see {@code CacheCounters}). A record with a JSON escape
   * ({@code \}{@code u}) might spell it otherwise and is read in full.
   */
  static boolean cannotHoldCacheCounter(byte[] payload) {
    if (payload == null) {
      return false;
    }
    for (int i = 0; i < payload.length; i++) {
      byte b = payload[i];
      if (b == '\\' && i + 1 < payload.length && payload[i + 1] == 'u') {
        return false;
      }
      if ((b | 0x20) == 'c' && i + CACHE.length <= payload.length) {
        boolean match = true;
        for (int j = 1; j < CACHE.length && match; j++) {
          match = (payload[i + j] | 0x20) == CACHE[j];
        }
        if (match) {
          return false;
        }
      }
    }
    return true;
  }
}
