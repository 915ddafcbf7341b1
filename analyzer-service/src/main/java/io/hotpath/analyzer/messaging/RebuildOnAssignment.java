package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.service.AnalysisService;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Rebuilds the detectors' windows when this process is first given a partition: the records of the
 * last {@code hotpath.analyzer.rebuild.window} that the group had already processed are read again
 * and analyzed without publishing (see {@link AnalysisService#replay}), before the partition's new
 * records are consumed. A partition this process already held is not replayed again (its windows
 * are still in memory). A failure to rebuild is logged; consumption goes on with empty windows.
 */
@ApplicationScoped
@Identifier(RebuildOnAssignment.NAME)
public class RebuildOnAssignment implements KafkaConsumerRebalanceListener {
  public static final String NAME = "hotpath-analyzer-rebuild";
  private static final Logger LOG = Logger.getLogger(RebuildOnAssignment.class);

  static final Map<String, Class<? extends HotpathEvent>> TYPES =
      Map.of(
          Topics.TELEMETRY_REPORTS, TelemetryReport.class,
          Topics.TELEMETRY_TRACES, SpansReceived.class,
          Topics.TELEMETRY_METRICS, MetricsReceived.class,
          Topics.TELEMETRY_PROFILES, ProfileCaptured.class);

  private final AnalysisService analysis;
  private final AnalyzerConfig config;
  private final Map<String, Object> kafkaConfig;
  private final Set<TopicPartition> held = new HashSet<>();

  @Inject
  public RebuildOnAssignment(
      AnalysisService analysis,
      AnalyzerConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.analysis = analysis;
    this.config = config;
    this.kafkaConfig = kafkaConfig;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Duration window = config.rebuild().window();
    Set<TopicPartition> fresh = new HashSet<>();
    synchronized (held) {
      for (TopicPartition partition : partitions) {
        if (held.add(partition) && TYPES.containsKey(partition.topic())) {
          fresh.add(partition);
        }
      }
    }
    if (fresh.isEmpty() || window.isZero() || window.isNegative()) {
      return;
    }
    try {
      Map<TopicPartition, Long> until = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> entry :
          consumer.committed(fresh, config.rebuild().timeout()).entrySet()) {
        if (entry.getValue() != null && entry.getValue().offset() > 0) {
          until.put(entry.getKey(), entry.getValue().offset());
        }
      }
      int replayed =
          WindowReplay.replay(
              kafkaConfig(),
              until,
              Instant.now().minus(window),
              config.rebuild().timeout(),
              record -> replay(record.topic(), record.value()));
      if (replayed > 0) {
        LOG.infof("rebuilt windows of %s from %d record(s)", until.keySet(), replayed);
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not rebuild the windows of %s; going on with empty ones", fresh);
    }
  }

  private Map<String, Object> kafkaConfig() {
    Map<String, Object> consumerConfig = new HashMap<>();
    kafkaConfig.forEach((key, value) -> consumerConfig.put(key.replace('-', '.'), value));
    return consumerConfig;
  }

  /** One replayed record; an invalid one is skipped (it went to the DLQ the first time). */
  void replay(String topic, String value) {
    if (value == null) {
      return;
    }
    try {
      analysis.replay(EventJson.read(value, TYPES.get(topic)));
    } catch (RuntimeException e) {
      LOG.debugf("not replaying an invalid record of %s: %s", topic, e.getMessage());
    }
  }
}
