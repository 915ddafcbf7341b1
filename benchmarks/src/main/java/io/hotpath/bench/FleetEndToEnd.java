package io.hotpath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.contracts.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end latency, from the collector accepting the first trace that shows a service's N+1 to
 * that bottleneck being visible in the tracker's {@code GET /api/v1/bottlenecks?service=S
 * &type=N_PLUS_ONE}. The analyzer's {@code BottleneckDetected} on {@code hotpath.bottlenecks.v1}
 * tells when the analysis was done (its record timestamp) and which services to ask the tracker
 * about: one thread asks for each such service not yet visible, one after the other, so the tracker
 * answers at most one bench request at a time. The tracker's first status change ({@code from}
 * null) on {@code hotpath.status-changes.v1} is recorded too: it is sent after the commit, so its
 * timestamp is another view of the same moment, unless its first send failed and the outbox relay
 * sent it later.
 *
 * <p>Reads both topics from the beginning with its own assigned consumer (no group).
 */
final class FleetEndToEnd implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One service's N+1, end to end, in epoch milliseconds.
   *
   * @param visibleMs -1 while the tracker does not show it
   * @param statusChangeMs -1 when the status change was not read (yet)
   */
  record Sample(
      String service, long acceptedMs, long detectedMs, long visibleMs, long statusChangeMs) {
    long totalMs() {
      return visibleMs < 0 ? -1 : Math.max(1, visibleMs - acceptedMs);
    }

    long analysisMs() {
      return Math.max(1, detectedMs - acceptedMs);
    }

    long statusChangeLatencyMs() {
      return statusChangeMs < 0 ? -1 : Math.max(1, statusChangeMs - acceptedMs);
    }
  }

  private final String tenant;
  private final String tracker;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Map<String, Long> visible = new ConcurrentHashMap<>(); // service -> ms
  private final Map<String, Long> accepted = new ConcurrentHashMap<>(); // service -> ms
  private final Map<String, String> fingerprints = new ConcurrentHashMap<>(); // fp -> service
  private final Map<String, Long> detected = new ConcurrentHashMap<>(); // service -> ms
  private final Map<String, Long> tracked = new ConcurrentHashMap<>(); // fp -> ms
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final Thread poller;

  FleetEndToEnd(String bootstrap, String tenant, String tracker, String token) {
    this.tenant = tenant;
    this.tracker = tracker;
    this.token = token;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    thread = new Thread(this::run, "fleet-end-to-end");
    thread.setDaemon(true);
    thread.start();
    poller = new Thread(this::poll, "fleet-end-to-end-tracker");
    poller.setDaemon(true);
    poller.start();
  }

  /** The collector accepted the first trace with the service's N+1 at {@code epochMillis}. */
  void accepted(String service, long epochMillis) {
    accepted.putIfAbsent(service, epochMillis);
    match(service);
  }

  int expected() {
    return accepted.size();
  }

  /** Services whose N+1 the tracker shows. */
  int measured() {
    return (int) samples.values().stream().filter(s -> s.visibleMs() >= 0).count();
  }

  /** Services whose N+1 the analyzer published. */
  int analyzed() {
    return samples.size();
  }

  List<Sample> samples() {
    List<Sample> list = new ArrayList<>(samples.values());
    list.sort((a, b) -> Long.compare(a.acceptedMs(), b.acceptedMs()));
    return list;
  }

  /** Accepted to visible in the tracker, in milliseconds (1 ms to 10 min, 3 digits). */
  Histogram visible() {
    return histogram(Sample::totalMs);
  }

  /** Accepted to published by the analyzer. */
  Histogram analysis() {
    return histogram(Sample::analysisMs);
  }

  /** Accepted to the tracker's first status change, where it was read. */
  Histogram statusChange() {
    return histogram(Sample::statusChangeLatencyMs);
  }

  private Histogram histogram(ToLongFunction<Sample> latency) {
    Histogram h = new Histogram(1, 600_000, 3);
    for (Sample s : samples.values()) {
      long ms = latency.applyAsLong(s);
      if (ms > 0) {
        h.recordValue(Math.min(600_000, ms));
      }
    }
    return h;
  }

  /** Asks the tracker about each service the analyzer reported and the tracker did not show yet. */
  private void poll() {
    try {
      while (running.get()) {
        List<String> pending =
            detected.keySet().stream().filter(s -> !visible.containsKey(s)).sorted().toList();
        for (String service : pending) {
          if (shows(service)) {
            visible.put(service, System.currentTimeMillis());
            match(service);
          }
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean shows(String service) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          tracker
                              + "/api/v1/bottlenecks?type=N_PLUS_ONE&size=1&service="
                              + URLEncoder.encode(service, StandardCharsets.UTF_8)))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && JSON.readTree(response.body()).path("totalItems").asLong() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void run() {
    List<TopicPartition> assigned = new ArrayList<>();
    try {
      while (running.get()) {
        if (assigned.stream().map(TopicPartition::topic).distinct().count() < 2) {
          assign(assigned);
        }
        if (assigned.isEmpty()) {
          Thread.sleep(200);
          continue;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          read(record);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running.get()) {
        System.err.println("end-to-end reader stopped: " + e);
      }
    }
  }

  /** Topics appear when first written; assign each once it exists, from its beginning. */
  private void assign(List<TopicPartition> assigned) {
    boolean changed = false;
    for (String topic : List.of(Topics.BOTTLENECKS, Topics.STATUS_CHANGES)) {
      if (assigned.stream().anyMatch(tp -> tp.topic().equals(topic))) {
        continue;
      }
      var infos = consumer.listTopics(Duration.ofSeconds(2)).get(topic);
      if (infos != null && !infos.isEmpty()) {
        infos.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
        changed = true;
      }
    }
    if (changed) {
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
    }
  }

  private void read(ConsumerRecord<String, String> record) {
    JsonNode event;
    try {
      event = JSON.readTree(record.value());
    } catch (Exception e) {
      return;
    }
    if (event == null || !tenant.equals(event.path("tenant").asText())) {
      return;
    }
    String service = event.path("service").asText();
    if (record.topic().equals(Topics.BOTTLENECKS)) {
      if (event.path("type").asText().equals("N_PLUS_ONE")
          && !fingerprints.containsValue(service)) {
        fingerprints.put(event.path("fingerprint").asText(), service);
        detected.put(service, record.timestamp());
        match(service);
      }
    } else if (event.path("from").isNull() || event.path("from").isMissingNode()) {
      String fingerprint = event.path("bottleneckFingerprint").asText();
      tracked.putIfAbsent(fingerprint, record.timestamp());
      String owner = fingerprints.get(fingerprint);
      if (owner != null) {
        match(owner);
      }
    }
  }

  private synchronized void match(String service) {
    Long acceptedAt = accepted.get(service);
    Long detectedAt = detected.get(service);
    Long visibleAt = visible.getOrDefault(service, -1L);
    if (acceptedAt == null || detectedAt == null) {
      return;
    }
    long statusChangeAt = -1;
    for (Map.Entry<String, String> fp : fingerprints.entrySet()) {
      if (fp.getValue().equals(service) && tracked.containsKey(fp.getKey())) {
        statusChangeAt = tracked.get(fp.getKey());
      }
    }
    samples.put(service, new Sample(service, acceptedAt, detectedAt, visibleAt, statusChangeAt));
  }

  @Override
  public void close() {
    running.set(false);
    try {
      poller.join(5_000);
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
  }
}
