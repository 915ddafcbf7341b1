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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end latency, from the collector accepting the first trace that shows a service's N+1 (one
 * of {@link FleetPayloads.NPlusOne}, told apart by its location) to that bottleneck being visible
 * in the tracker's {@code GET /api/v1/bottlenecks?service=S &type=N_PLUS_ONE}. The analyzer's
 * {@code BottleneckDetected} on {@code hotpath.bottlenecks.v1} tells when the analysis was done
 * (its record timestamp) and which services to ask the tracker about. The tracker's first status
 * change ({@code from} null) on {@code hotpath.status-changes.v1} is sent after the commit: once it
 * is read, the service is asked about at once, then every 100 ms until it shows, up to {@link
 * #ASKING} services at a time. Every {@link #SWEEP_MILLIS} one listing of the tenant's N+1s (pages
 * of 500) catches those whose status change did not come (a first send that failed, sent later by
 * the outbox relay).
 *
 * <p>It used to ask about every pending service in turn, without pause: with hundreds pending that
 * was a closed loop on the tracker's API, and it took a share of the tracker's CPU the pipeline
 * then did not have. Then it asked one service at a time: with 17 new N+1s a second and the tracker
 * answering in tens of milliseconds under the fleet's load, the services queued behind each other's
 * answers, and that queue was 2 to 4 s of the p99 once the pipeline kept up (run BX in
 * docs/performance.md: status change sent p99 2.1 s, visible p99 6.2 s).
 *
 * <p>Reads both topics from the beginning with its own assigned consumer (no group).
 */
final class FleetEndToEnd implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often the tenant's N+1s are listed, for services whose status change was not read. */
  static final long SWEEP_MILLIS = 2_000;

  /** Services asked about at the same time, each one request. */
  static final int ASKING = 8;

  /** The tracker's largest page. */
  private static final int PAGE = 500;

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
  private final FleetPayloads.NPlusOne nPlusOne;
  private final String location; // how the N+1's location ends
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
  private final Set<String> announced = ConcurrentHashMap.newKeySet(); // services
  private final Set<String> asked = ConcurrentHashMap.newKeySet(); // services, answer due
  private final Semaphore asking = new Semaphore(ASKING);
  private final Semaphore announcements = new Semaphore(0); // wakes the poller up
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final Thread poller;

  FleetEndToEnd(
      String bootstrap,
      String tenant,
      String tracker,
      String token,
      FleetPayloads.NPlusOne nPlusOne) {
    this.tenant = tenant;
    this.nPlusOne = nPlusOne;
    this.location = nPlusOne.location();
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

  /** The N+1 this clock times. */
  FleetPayloads.NPlusOne nPlusOne() {
    return nPlusOne;
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

  /**
   * Asks the tracker about the services it announced and does not show yet, at once and then every
   * 100 ms; lists all the tenant's N+1s every {@link #SWEEP_MILLIS} for the others.
   */
  private void poll() {
    long nextSweep = 0;
    try {
      while (running.get()) {
        for (String service : List.copyOf(announced)) {
          if (visible.containsKey(service)) {
            announced.remove(service);
          } else if (asked.add(service)) {
            asking.acquire();
            shows(service)
                .whenComplete(
                    (shows, failure) -> {
                      asked.remove(service);
                      asking.release();
                      if (Boolean.TRUE.equals(shows)) {
                        seen(service);
                      }
                    });
          }
        }
        if (System.currentTimeMillis() >= nextSweep) {
          if (detected.keySet().stream().anyMatch(s -> !visible.containsKey(s))) {
            listed().forEach(this::seen);
          }
          nextSweep = System.currentTimeMillis() + SWEEP_MILLIS;
        }
        // Up to 100 ms, less when a status change announces a service: it is asked about at once
        // instead of in the next round (on average 50 ms later).
        if (announcements.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          announcements.drainPermits();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void seen(String service) {
    if (detected.containsKey(service)
        && visible.putIfAbsent(service, System.currentTimeMillis()) == null) {
      announced.remove(service);
      match(service);
    }
  }

  /** Whether the tracker shows the service's N+1; false when it did not answer 200. */
  private CompletableFuture<Boolean> shows(String service) {
    return http.sendAsync(
            // A page of 3 for a service's N+1s (the warm-up's and the window's) is not full, so the
            // tracker needs no count.
            request("/api/v1/bottlenecks?type=N_PLUS_ONE&size=3&service=" + encode(service)),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(FleetEndToEnd::body)
        .thenApply(
            page -> {
              if (page != null) {
                for (JsonNode item : page.path("items")) {
                  if (ours(item)) {
                    return true;
                  }
                }
              }
              return false;
            })
        .exceptionally(failure -> false);
  }

  /** The services of every N+1 the tracker shows for the tenant. */
  private List<String> listed() throws InterruptedException {
    List<String> services = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode body = get("/api/v1/bottlenecks?type=N_PLUS_ONE&size=" + PAGE + "&page=" + page);
      if (body == null) {
        return services;
      }
      for (JsonNode item : body.path("items")) {
        if (ours(item)) {
          services.add(item.path("service").asText());
        }
      }
      if (page + 1 >= body.path("totalPages").asLong()) {
        return services;
      }
    }
  }

  /** Whether a bottleneck (an event or the tracker's item) is this clock's N+1. */
  private boolean ours(JsonNode bottleneck) {
    return isOf(bottleneck, location);
  }

  static boolean isOf(JsonNode bottleneck, String location) {
    return bottleneck.path("location").asText().endsWith(location);
  }

  /** The tracker's JSON answer to a GET, or null when it did not answer 200. */
  private JsonNode get(String pathAndQuery) throws InterruptedException {
    try {
      return body(http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return null;
    }
  }

  /** The answer's JSON, or null when it was not a 200 with JSON. */
  private static JsonNode body(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return null;
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(tracker + pathAndQuery))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static String encode(String service) {
    return URLEncoder.encode(service, StandardCharsets.UTF_8);
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
          && ours(event)
          && !fingerprints.containsValue(service)) {
        String fingerprint = event.path("fingerprint").asText();
        fingerprints.put(fingerprint, service);
        detected.put(service, record.timestamp());
        if (tracked.containsKey(fingerprint)) {
          announce(service); // its status change was read first
        }
        match(service);
      }
    } else if (event.path("from").isNull() || event.path("from").isMissingNode()) {
      String fingerprint = event.path("bottleneckFingerprint").asText();
      tracked.putIfAbsent(fingerprint, record.timestamp());
      String owner = fingerprints.get(fingerprint);
      if (owner != null) {
        if (!visible.containsKey(owner)) {
          announce(owner);
        }
        match(owner);
      }
    }
  }

  private void announce(String service) {
    announced.add(service);
    announcements.release();
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
