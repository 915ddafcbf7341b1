package io.hotpath.bench;

import io.hotpath.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: what the same broker takes from a raw {@link KafkaProducer} configured as the
 * collector's ({@code acks=all}, idempotent, lz4), sending the very events the collector wrote for
 * the fleet's reports (read back from the telemetry topics, in the fleet's mix of kinds), with as
 * many sends outstanding as the fleet's clients have requests; and what a raw consumer reads back.
 */
final class FleetCeiling {
  static final String RAW_TOPIC = "hotpath.bench.fleet-raw.v1";

  /** One side of the ceiling. */
  record Rate(long records, double seconds, double recordsPerSecond, double megabytesPerSecond) {}

  /** A sample of the collector's events: key and value bytes. */
  record Event(String key, byte[] value) {}

  private FleetCeiling() {}

  /** Up to {@code perTopic} events of each telemetry topic, interleaved in the fleet's mix. */
  static List<Event> collectorEvents(String bootstrap, int perTopic) {
    Map<FleetPayloads.Kind, List<Event>> byKind = new HashMap<>();
    byKind.put(FleetPayloads.Kind.TRACES, read(bootstrap, Topics.TELEMETRY_TRACES, perTopic));
    byKind.put(FleetPayloads.Kind.METRICS, read(bootstrap, Topics.TELEMETRY_METRICS, perTopic));
    List<Event> profiles = read(bootstrap, Topics.TELEMETRY_PROFILES, perTopic);
    byKind.put(FleetPayloads.Kind.PROFILE_FOLDED, profiles);
    byKind.put(FleetPayloads.Kind.PROFILE_PPROF, profiles);
    List<Event> mix = new ArrayList<>();
    Map<FleetPayloads.Kind, Integer> next = new HashMap<>();
    for (int i = 0; i < perTopic * 2; i++) {
      FleetPayloads.Kind kind = FleetPayloads.ROTATION.get(i % FleetPayloads.ROTATION.size());
      List<Event> events = byKind.get(kind);
      if (!events.isEmpty()) {
        int n = next.merge(kind, 1, Integer::sum) - 1;
        mix.add(events.get(n % events.size()));
      }
    }
    return mix;
  }

  private static List<Event> read(String bootstrap, String topic, int max) {
    List<Event> events = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        return events;
      }
      List<TopicPartition> tps =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long seen = 0;
      while (events.size() < max && seen < total && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen++;
          if (events.size() < max && r.value() != null) {
            events.add(new Event(new String(r.key()), r.value()));
          }
        }
      }
    }
    return events;
  }

  /** Sends the events round and round for {@code window}, {@code inFlight} outstanding at most. */
  static Rate produce(String bootstrap, List<Event> events, int inFlight, Duration window)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(RAW_TOPIC)) {
        admin
            .createTopics(List.of(new NewTopic(RAW_TOPIC, 3, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong acked = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start;
    long end;
    try (KafkaProducer<String, byte[]> producer = IngestPathBench.rawProducer(bootstrap)) {
      start = System.nanoTime();
      end = start + window.toNanos();
      for (int i = 0; System.nanoTime() < end && failure.get() == null; i++) {
        Event event = events.get(i % events.size());
        slots.acquire();
        producer.send(
            new ProducerRecord<>(RAW_TOPIC, event.key(), event.value()),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
                bytes.addAndGet(event.value().length);
              } else {
                failure.compareAndSet(null, error);
              }
              slots.release();
            });
      }
      slots.acquire(inFlight);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the raw producer failed", failure.get());
    }
    double seconds = (end - start) / 1e9;
    return new Rate(acked.get(), seconds, acked.get() / seconds, bytes.get() / 1e6 / seconds);
  }

  /** Reads the raw topic from its beginning to its end with a plain consumer. */
  static Rate consume(String bootstrap) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> tps =
          consumer.partitionsFor(RAW_TOPIC, Duration.ofSeconds(5)).stream()
              .map(p -> new TopicPartition(RAW_TOPIC, p.partition()))
              .toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long total = consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
      long read = 0;
      long bytes = 0;
      long start = System.nanoTime();
      long deadline = start + TimeUnit.MINUTES.toNanos(5);
      while (read < total && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          read++;
          bytes += r.value() == null ? 0 : r.value().length;
        }
      }
      double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
      return new Rate(read, seconds, read / seconds, bytes / 1e6 / seconds);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }
}
