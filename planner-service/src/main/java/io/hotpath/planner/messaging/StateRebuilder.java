package io.hotpath.planner.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.planner.config.PlannerConfig;
import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.service.PlannerService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the order and coverage after a restart: before the planner consumes anything, it
 * re-reads {@code hotpath.bottlenecks.v1} from the beginning up to its group's committed offsets
 * (what it had handled and published before) and takes each bottleneck in without publishing. The
 * records after those offsets are consumed as usual. Kafka is the state; memory is a cache of it.
 */
@ApplicationScoped
public class StateRebuilder {
  private static final Logger LOG = Logger.getLogger(StateRebuilder.class);

  private final PlannerService planner;
  private final PlannerConfig config;
  private final String bootstrap;
  private final String topic;
  private final String group;

  /**
   * @param catalogs taken here so that the catalog is read, and a broken one stops the planner,
   *     before the channels start consuming (its own {@code @Startup} would come after them)
   */
  public StateRebuilder(
      Catalogs catalogs,
      PlannerService planner,
      PlannerConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
      @ConfigProperty(name = "mp.messaging.incoming.bottlenecks-in.topic") String topic,
      @ConfigProperty(name = "mp.messaging.incoming.bottlenecks-in.group.id") String group) {
    LOG.debugf("Planning with catalog %s", catalogs.shipped().version());
    this.planner = planner;
    this.config = config;
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.group = group;
  }

  /** Runs before the messaging channels start (they observe startup at priority 1000). */
  void onStart(@Observes @Priority(900) StartupEvent event) {
    if (!config.rebuild().enabled()) {
      return;
    }
    Duration timeout = config.rebuild().timeout();
    try {
      int restored = rebuild(timeout);
      LOG.infof("Rebuilt the order and coverage from %d consumed bottleneck records", restored);
    } catch (RuntimeException e) {
      // The planner still works: plans are rebuilt as bottlenecks arrive again.
      LOG.warnf(
          "Could not rebuild the order from %s within %s, starting with what was read: %s",
          topic, timeout, e.toString());
    }
  }

  int rebuild(Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // The planner's group, only to read its committed offsets: this consumer never commits.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hotpath-planner-rebuild");
    Instant deadline = Instant.now().plus(timeout);
    int restored = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return 0;
      }
      List<TopicPartition> partitions =
          infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      Map<TopicPartition, Long> until = new HashMap<>();
      consumer
          .committed(new java.util.HashSet<>(partitions), timeout)
          .forEach(
              (partition, committed) -> {
                if (committed != null && committed.offset() > 0) {
                  until.put(partition, committed.offset());
                }
              });
      if (until.isEmpty()) {
        return 0;
      }
      consumer.assign(until.keySet());
      consumer.seekToBeginning(until.keySet());
      while (!until.isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("rebuild timed out");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          Long end = until.get(partition);
          if (end != null && record.offset() < end && restore(record.value())) {
            restored++;
          }
        }
        for (TopicPartition partition : List.copyOf(until.keySet())) {
          if (consumer.position(partition) >= until.get(partition)) {
            until.remove(partition);
            consumer.pause(List.of(partition));
          }
        }
      }
    }
    return restored;
  }

  private boolean restore(String value) {
    try {
      planner.restore(EventJson.read(value, BottleneckDetected.class));
      return true;
    } catch (RuntimeException unreadable) {
      // It went to the dead-letter topic when it was consumed.
      return false;
    }
  }
}
