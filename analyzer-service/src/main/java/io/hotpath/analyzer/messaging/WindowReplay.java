package io.hotpath.analyzer.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads again, with a consumer of its own (no group, nothing committed), the records of some
 * partitions from a point in time up to (excluding) the offsets the analyzer had already processed:
 * what its in-memory windows held before a restart.
 */
final class WindowReplay {
  private static final Duration POLL = Duration.ofMillis(200);

  private WindowReplay() {}

  /**
   * Hands every record of {@code until}'s partitions with a timestamp at or after {@code from} and
   * an offset before the partition's {@code until} offset to {@code sink}, in partition order.
   *
   * @return how many records were replayed; stops early (with what it read) at the deadline
   */
  static int replay(
      Map<String, Object> kafkaConfig,
      Map<TopicPartition, Long> until,
      Instant from,
      Duration timeout,
      Consumer<ConsumerRecord<String, String>> sink) {
    if (until.isEmpty()) {
      return 0;
    }
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hotpath-analyzer-window-replay");
    int replayed = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(until.keySet());
      Map<TopicPartition, Long> times = new HashMap<>();
      until.keySet().forEach(p -> times.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, timeout);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (Map.Entry<TopicPartition, Long> entry : until.entrySet()) {
        OffsetAndTimestamp start = starts.get(entry.getKey());
        if (start != null && start.offset() < entry.getValue()) {
          consumer.seek(entry.getKey(), start.offset());
          remaining.put(entry.getKey(), entry.getValue());
        }
      }
      consumer.assign(remaining.keySet());
      Instant deadline = Instant.now().plus(timeout);
      while (!remaining.isEmpty() && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          Long end = remaining.get(partition);
          if (end != null && record.offset() < end) {
            sink.accept(record);
            replayed++;
          }
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
    return replayed;
  }
}
