package io.hotpath.tracker.messaging;

import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds the cache counters of each poll's metric batches to their versions' measured baselines in
 * one transaction, then lets the validations waiting for those versions look at what arrived. A
 * record that cannot hold a cache counter (no {@code cache} in its bytes) is skipped before it is
 * decoded or parsed; the others are read for their header and cache counters only ({@link
 * CacheCounterBatch}). Acknowledged after the transaction committed; an unreadable record goes to
 * {@code hotpath.telemetry.metrics.v1.dlq}, and when the transaction fails the records are applied
 * one by one so that only one that cannot be applied goes there.
 */
@ApplicationScoped
public class TelemetryMetricsConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryMetricsConsumer.class);
  private static final byte[] CACHE = {'c', 'a', 'c', 'h', 'e'};

  private final PollOfRecords<byte[], MetricsReceived> polls;

  public TelemetryMetricsConsumer(
      Baselines baselines, Validations validations, MeterRegistry registry) {
    this.polls =
        new PollOfRecords<>(
            CacheCounterBatch::read,
            TelemetryMetricsConsumer::cannotHoldCacheCounter,
            "metrics",
            LOG,
            events ->
                baselines
                    .recordAll(events)
                    .chain(changed -> ValidateChanged.after(validations, changed, LOG)),
            event ->
                baselines.record(event).chain(key -> ValidateChanged.after(validations, key, LOG)),
            new PollTimes(registry, "telemetry-metrics-in"));
  }

  @Incoming("telemetry-metrics-in")
  public Uni<Void> onMetrics(KafkaRecordBatch<String, byte[]> batch) {
    return polls.apply(batch);
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
