package io.hotpath.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TopicClient} against a real broker. */
class TopicClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static LocalStack stack;
  private static TopicClient kafka;

  @BeforeAll
  static void start() {
    stack = LocalStack.builder().kafka(true).build().start();
    kafka = new TopicClient(stack.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    kafka.close();
    stack.close();
  }

  private static String uniqueTopic() {
    return "topic-client-" + UUID.randomUUID();
  }

  @Test
  void readsToTheEndWhatWasSentWithItsKey() {
    String topic = uniqueTopic();

    kafka.send(topic, "demo/checkout", "first");
    kafka.send(topic, "demo/catalog", "other");
    kafka.send(topic, "demo/checkout", "second");

    assertThat(kafka.readToEnd(topic)).hasSize(3);
    assertThat(kafka.readToEnd(topic, "demo/checkout"))
        .extracting(ConsumerRecord::value)
        .containsExactly("first", "second");
  }

  @Test
  void readsUpToAndIncludingTheFirstMatchInOrder() {
    String topic = uniqueTopic();
    for (String value : List.of("a", "b", "c")) {
      kafka.send(topic, "one-key", value);
    }

    List<ConsumerRecord<String, String>> read =
        kafka.readUntil(topic, r -> r.value().equals("b"), TIMEOUT);

    assertThat(read).extracting(ConsumerRecord::value).containsExactly("a", "b");
    assertThat(kafka.await(topic, r -> r.value().equals("c"), TIMEOUT).key()).isEqualTo("one-key");
  }

  @Test
  void readsFromAPositionOnlyWhatCameAfterIt() {
    String topic = uniqueTopic();
    kafka.send(topic, "one-key", "before");
    Map<TopicPartition, Long> position = kafka.endOffsets(topic);
    kafka.send(topic, "one-key", "after");

    assertThat(kafka.readUntil(topic, position, r -> true, TIMEOUT))
        .extracting(ConsumerRecord::value)
        .containsExactly("after");
  }

  @Test
  void waitsForATopicThatDoesNotExistYet() {
    String topic = uniqueTopic();
    CompletableFuture<Void> written =
        CompletableFuture.runAsync(
            () -> kafka.send(topic, "k", "late"),
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

    assertThat(kafka.await(topic, r -> true, TIMEOUT).value()).isEqualTo("late");
    assertThat(written).succeedsWithin(TIMEOUT);
  }

  @Test
  void failsLikeAnAssertionWhenNothingMatchesInTime() {
    String topic = uniqueTopic();
    kafka.send(topic, "k", "v");

    assertThatThrownBy(() -> kafka.readUntil(topic, r -> false, Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no matching record on " + topic);
  }

  @Test
  void endOffsetsCountEveryRecordAndAreEmptyForAMissingTopic() {
    String topic = uniqueTopic();
    assertThat(kafka.endOffsets(topic)).isEmpty();
    assertThat(kafka.endOffsetSum(topic)).isZero();

    kafka.send(topic, "a", "1");
    kafka.send(topic, "b", "2");
    kafka.send(topic, "a", "3");

    assertThat(kafka.endOffsets(topic)).hasSize(3);
    assertThat(kafka.endOffsetSum(topic)).isEqualTo(3);
    assertThat(kafka.readToEnd(uniqueTopic())).isEmpty();
  }

  @Test
  void lagIsWhatAGroupHasNotCommittedYet() {
    String topic = uniqueTopic();
    String group = "group-" + UUID.randomUUID();
    kafka.send(topic, "k", "1");
    kafka.send(topic, "k", "2");
    kafka.send(topic, "k", "3");
    // One key, so one partition.
    TopicPartition partition = new TopicPartition(topic, kafka.readToEnd(topic).get(0).partition());

    assertThat(kafka.lag(group, topic)).isEqualTo(3);

    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(2)));
    }

    assertThat(kafka.lag(group, topic)).isEqualTo(1);
  }

  @Test
  void sharesOneClientPerBrokerAndReplacesItOnceClosed() {
    TopicClient shared = TopicClient.shared(stack.bootstrapServers());

    assertThat(TopicClient.shared(stack.bootstrapServers())).isSameAs(shared);
    shared.close();
    TopicClient next = TopicClient.shared(stack.bootstrapServers());
    assertThat(next).isNotSameAs(shared);
    next.send(uniqueTopic(), "k", "v");
  }

  @Test
  void refusesToWorkOnceClosed() {
    TopicClient closed = new TopicClient(stack.bootstrapServers());
    closed.close();

    assertThatThrownBy(() -> closed.send(uniqueTopic(), "k", "v"))
        .isInstanceOf(IllegalStateException.class);
  }
}
