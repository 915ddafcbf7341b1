package io.hotpath.localstack.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test needs from a real broker, with plain kafka-clients and string keys and values: write
 * a keyed record the way another service would, read what a topic holds, and see how far a consumer
 * group got.
 *
 * <pre>{@code
 * try (TopicClient kafka = new TopicClient(bootstrapServers)) {
 *   kafka.send(Topics.BOTTLENECKS, "demo/checkout", json);
 *   ConsumerRecord<String, String> plan =
 *       kafka.await(Topics.PLANS, r -> r.value().contains(fingerprint), Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>The producer and the admin client are created on first use and kept until {@link #close()};
 * every read uses a consumer of its own. Reads that do not find what they wait for end in an {@link
 * AssertionError}, like any failed expectation in a test. Safe for use from several threads.
 *
 * <p>Tests with no place to close a client (a {@code @QuarkusTest}'s static helpers) take the JVM's
 * one client of a broker from {@link #shared(String)} instead.
 */
public final class TopicClient implements AutoCloseable {
  /** How long {@link #send} waits for the acknowledgement, and metadata calls for an answer. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #readToEnd} may take before it gives up. */
  static final Duration READ_TO_END_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration POLL = Duration.ofMillis(200);

  private static final Map<String, TopicClient> SHARED = new ConcurrentHashMap<>();

  private final String bootstrapServers;
  private KafkaProducer<String, String> producer;
  private Admin admin;
  private boolean closed;

  public TopicClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * The one client of this JVM for {@code bootstrapServers}: created on first use, closed when the
   * JVM exits. Nothing is lost then: {@link #send} has waited for every acknowledgement.
   */
  public static TopicClient shared(String bootstrapServers) {
    return SHARED.compute(
        bootstrapServers,
        (servers, client) -> {
          if (client != null && !client.isClosed()) {
            return client;
          }
          TopicClient created = new TopicClient(servers);
          Runtime.getRuntime()
              .addShutdownHook(new Thread(created::close, "topic-client-close-" + servers));
          return created;
        });
  }

  /**
   * Writes one record ({@code acks=all}, idempotent) and waits for the broker's acknowledgement.
   *
   * @throws IllegalStateException when the broker did not acknowledge it in time
   */
  public RecordMetadata send(String topic, String key, String value) {
    try {
      return producer()
          .send(new ProducerRecord<>(topic, key, value))
          .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /**
   * Every record of {@code topic}, from its beginning to its end offsets of the moment, read with a
   * plain consumer and no consumer group ({@code read_committed}), so what a test sees is exactly
   * what Kafka holds. Empty when the topic has no partitions.
   */
  public List<ConsumerRecord<String, String>> readToEnd(String topic) {
    Map<String, Object> config = consumerConfig();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer = consumer(config)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      if (infos == null || infos.isEmpty()) {
        return records;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Instant deadline = Instant.now().plus(READ_TO_END_TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "could not read " + topic + " to its end within " + READ_TO_END_TIMEOUT);
        }
        consumer.poll(POLL).forEach(records::add);
      }
      return records;
    }
  }

  /** The records of {@code topic} with this key, as {@link #readToEnd(String)} finds them. */
  public List<ConsumerRecord<String, String>> readToEnd(String topic, String key) {
    return readToEnd(topic).stream().filter(r -> key.equals(r.key())).toList();
  }

  /**
   * Every record of {@code topic} from its beginning up to and including the first that matches.
   * Within one partition Kafka keeps order, so what a producer sent with the same key before the
   * match is in the list. Waits for the topic to be created if need be.
   *
   * @throws AssertionError when no record matched within {@code timeout}
   */
  public List<ConsumerRecord<String, String>> readUntil(
      String topic, Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
    return readUntil(topic, Map.of(), matches, timeout);
  }

  /**
   * Like {@link #readUntil(String, Predicate, Duration)}, starting at {@code from} instead of the
   * beginning: pass what {@link #endOffsets} said before a test wrote to read only what came after.
   * A partition missing from {@code from} is read from its beginning.
   */
  public List<ConsumerRecord<String, String>> readUntil(
      String topic,
      Map<TopicPartition, Long> from,
      Predicate<ConsumerRecord<String, String>> matches,
      Duration timeout) {
    Map<String, Object> config = consumerConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(config)) {
      // A group subscription, not an assignment: it also finds a topic created while waiting.
      consumer.subscribe(List.of(topic), startAt(consumer, from));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          seen.add(record);
          if (matches.test(record)) {
            return seen;
          }
        }
      }
    }
    throw new AssertionError(
        "no matching record on " + topic + " within " + timeout + " (" + seen.size() + " read)");
  }

  /**
   * The first record of {@code topic}, from its beginning, that matches.
   *
   * @throws AssertionError when none did within {@code timeout}
   */
  public ConsumerRecord<String, String> await(
      String topic, Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
    List<ConsumerRecord<String, String>> seen = readUntil(topic, matches, timeout);
    return seen.get(seen.size() - 1);
  }

  /** The end offset of each partition of {@code topic}; empty when the topic does not exist. */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    Optional<TopicDescription> description = describe(topic);
    if (description.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> latest =
        description.get().partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return get(admin().listOffsets(latest).all()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The number of records ever written to {@code topic}; 0 when it does not exist. */
  public long endOffsetSum(String topic) {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The records of {@code topic} that {@code group} has not committed yet: 0 once its consumers
   * processed, and durably acknowledged, everything written so far.
   */
  public long lag(String group, String topic) {
    Map<TopicPartition, Long> ends = endOffsets(topic);
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(
            admin()
                .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec()))
                .partitionsToOffsetAndMetadata(group));
    return ends.entrySet().stream()
        .mapToLong(
            e -> {
              OffsetAndMetadata done = committed.get(e.getKey());
              return e.getValue() - (done == null ? 0 : done.offset());
            })
        .sum();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private synchronized KafkaProducer<String, String> producer() {
    checkOpen();
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true,
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  REQUEST_TIMEOUT.toMillis()),
              new StringSerializer(),
              new StringSerializer());
    }
    return producer;
  }

  private synchronized Admin admin() {
    checkOpen();
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) REQUEST_TIMEOUT.toMillis()));
    }
    return admin;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this TopicClient is closed");
    }
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return config;
  }

  private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static ConsumerRebalanceListener startAt(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> from) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
          Long offset = from.get(partition);
          if (offset != null) {
            consumer.seek(partition, offset);
          }
        }
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
    };
  }

  private Optional<TopicDescription> describe(String topic) {
    try {
      return Optional.of(get(admin().describeTopics(Set.of(topic)).allTopicNames()).get(topic));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof ExecutionException failed
          && failed.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The result of an admin call, within {@link #REQUEST_TIMEOUT}. */
  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not answer: " + e.getMessage(), e);
    }
  }
}
