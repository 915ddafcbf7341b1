package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The replay of already processed records, against the real broker. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class WindowReplayTest {
  static String servers() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  static List<RecordMetadata> produce(String topic, int count) {
    List<RecordMetadata> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(TopicClient.shared(servers()).send(topic, "demo/replay", "record-" + i));
    }
    return sent;
  }

  @Test
  void replaysTheRecordsOfTheWindowUpToTheCommittedOffsetOnly() {
    String topic = "replay-test-" + UUID.randomUUID();
    List<RecordMetadata> sent = produce(topic, 5);
    TopicPartition partition = new TopicPartition(topic, sent.get(0).partition());
    List<String> replayed = new ArrayList<>();

    int count =
        WindowReplay.replay(
            Map.of("bootstrap.servers", servers()),
            Map.of(partition, sent.get(3).offset()),
            Instant.now().minus(Duration.ofHours(1)),
            Duration.ofSeconds(30),
            (ConsumerRecord<String, String> r) -> replayed.add(r.value()));

    assertThat(count).isEqualTo(3);
    assertThat(replayed).containsExactly("record-0", "record-1", "record-2");
  }

  @Test
  void recordsOlderThanTheWindowAreNotReplayed() {
    String topic = "replay-test-" + UUID.randomUUID();
    List<RecordMetadata> sent = produce(topic, 2);
    TopicPartition partition = new TopicPartition(topic, sent.get(0).partition());
    List<String> replayed = new ArrayList<>();

    int count =
        WindowReplay.replay(
            Map.of("bootstrap.servers", servers()),
            Map.of(partition, sent.get(1).offset() + 1),
            Instant.now().plus(Duration.ofMinutes(5)),
            Duration.ofSeconds(30),
            r -> replayed.add(r.value()));

    assertThat(count).isZero();
    assertThat(replayed).isEmpty();
  }
}
