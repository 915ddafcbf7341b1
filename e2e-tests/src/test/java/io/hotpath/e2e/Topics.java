package io.hotpath.e2e;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What is on the topics, read with Kafka's admin client: end offsets and consumer-group lag. */
final class Topics implements AutoCloseable {
  private final Admin admin;

  Topics(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin = Admin.create(props);
  }

  /** The total number of records ever written to a topic (0 when it does not exist yet). */
  long endOffsetSum(String topic) throws Exception {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Records of {@code topic} that {@code group} has not yet committed: 0 once the consumer has
   * processed, and durably acknowledged, everything written so far.
   */
  long lag(String group, String topic) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(topic);
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec()))
            .partitionsToOffsetAndMetadata(group)
            .get();
    return ends.entrySet().stream()
        .mapToLong(
            e -> {
              OffsetAndMetadata done = committed.get(e.getKey());
              return e.getValue() - (done == null ? 0 : done.offset());
            })
        .sum();
  }

  private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    Collection<String> existing = admin.listTopics().names().get();
    if (!existing.contains(topic)) {
      return Map.of();
    }
    List<TopicPartition> partitions;
    try {
      partitions =
          admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
    } catch (ExecutionException e) {
      return Map.of();
    }
    return admin
        .listOffsets(
            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
        .all()
        .get()
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  @Override
  public void close() {
    admin.close();
  }
}
