package io.hotpath.bench;

import io.hotpath.contracts.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per topic per consumer group, from Kafka's {@link Admin}: each partition's end
 * offset minus the group's committed offset (a partition the group has not committed yet counts
 * whole). The groups and topics are the services' own (their application.properties).
 */
final class FleetLag implements AutoCloseable {
  static final String ANALYZER = "hotpath-analyzer";

  /** The consumer groups of the pipeline and the topics each reads. */
  static final Map<String, List<String>> GROUPS =
      Map.of(
          "hotpath-analyzer",
          List.of(
              Topics.TELEMETRY_TRACES,
              Topics.TELEMETRY_METRICS,
              Topics.TELEMETRY_PROFILES,
              Topics.TELEMETRY_REPORTS),
          "hotpath-planner",
          List.of(Topics.BOTTLENECKS),
          "hotpath-tracker",
          List.of(
              Topics.BOTTLENECKS,
              Topics.PLANS,
              Topics.COVERAGE_GAPS,
              Topics.TELEMETRY_REPORTS,
              Topics.DEPLOYMENTS));

  /**
   * One sample: seconds since the run's origin, lag per "group topic", and records ever written per
   * topic (the sum of its end offsets).
   */
  record Sample(double t, Map<String, Long> lag, Map<String, Long> written) {
    Sample(double t, Map<String, Long> lag) {
      this(t, lag, Map.of());
    }

    long total() {
      return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    long group(String group) {
      return lag.entrySet().stream()
          .filter(e -> e.getKey().startsWith(group + " "))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }
  }

  private final Admin admin;
  private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  FleetLag(String bootstrap) {
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "5000"));
  }

  /** Takes one sample; topics not created yet are left out. */
  synchronized Sample sample(double t) throws Exception {
    Map<String, Long> lag = new LinkedHashMap<>();
    Map<TopicPartition, Long> ends = endOffsets();
    for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group.getKey())
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      for (String topic : group.getValue()) {
        List<TopicPartition> tps = partitions.get(topic);
        if (tps == null) {
          continue;
        }
        long sum = 0;
        for (TopicPartition tp : tps) {
          OffsetAndMetadata at = committed.get(tp);
          sum += Math.max(0, ends.getOrDefault(tp, 0L) - (at == null ? 0 : at.offset()));
        }
        lag.put(group.getKey() + " " + topic, sum);
      }
    }
    Map<String, Long> written = new TreeMap<>();
    ends.forEach((tp, end) -> written.merge(tp.topic(), end, Long::sum));
    Sample sample = new Sample(t, lag, written);
    samples.add(sample);
    return sample;
  }

  /** Sum of the end offsets of the given topics: records ever written to them. */
  synchronized long written(List<String> topics) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets();
    return ends.entrySet().stream()
        .filter(e -> topics.contains(e.getKey().topic()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Sum of a group's committed offsets on the given topics: records it is done with. */
  synchronized long committed(String group, List<String> topics) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(5, TimeUnit.SECONDS)
        .entrySet()
        .stream()
        .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    List<String> missing =
        GROUPS.values().stream()
            .flatMap(List::stream)
            .distinct()
            .filter(t -> !partitions.containsKey(t))
            .toList();
    if (!missing.isEmpty()) {
      List<String> existing = new ArrayList<>(admin.listTopics().names().get(5, TimeUnit.SECONDS));
      existing.retainAll(missing);
      if (!existing.isEmpty()) {
        for (TopicDescription d :
            admin.describeTopics(existing).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
          partitions.put(
              d.name(),
              d.partitions().stream()
                  .map(p -> new TopicPartition(d.name(), p.partition()))
                  .toList());
        }
      }
    }
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.values().forEach(tps -> tps.forEach(tp -> specs.put(tp, OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (specs.isEmpty()) {
      return ends;
    }
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
        admin.listOffsets(specs).all().get(5, TimeUnit.SECONDS).entrySet()) {
      ends.put(e.getKey(), e.getValue().offset());
    }
    return ends;
  }

  @Override
  public void close() {
    admin.close();
  }
}
