package io.hotpath.bench;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.localstack.kafka.TopicClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tracker alone through a backlog of what a fleet of new services makes it read: {@code track}
 * starts the local stack and the packaged tracker, then in turn publishes N first sightings ({@code
 * BottleneckDetected} of N services) mixed with repeat sightings, a batch of metric batches (with
 * cache counters, as the fleet's) and a batch of CPU profiles, and measures for each the tracker's
 * rate (from the first record written to its group's lag 0), its CPU per record ({@code utime +
 * stime} of {@code /proc/<pid>/stat}, less its idle rate) and, for the bottlenecks, when the first
 * and the last became visible in {@code GET /api/v1/bottlenecks}; next to a plain consumer reading
 * the same records. CPU per record is the figure that survives a shared machine; rates and times do
 * not.
 *
 * <pre>
 * java -jar benchmarks/target/hotpath-benchmarks-*.jar track [--events 2000] [--repeats 2000]
 *     [--metrics 2000] [--profiles 2000] [--out DIR] [--tracker-jar PATH]
 *     [--tracker-jvm "-Xmx256m -Xms64m -XX:+UseSerialGC"] [--warmup 1000] [--jfr]
 * </pre>
 */
public final class TrackBench {
  private static final String GROUP = "hotpath-tracker";
  private static final long TICKS_PER_SECOND = 100; // USER_HZ
  private static final Duration DRAIN = Duration.ofMinutes(10);
  private static final Pattern TOTAL = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");

  private final int events;
  private final int repeats;
  private final int metrics;
  private final int profiles;
  private final Path out;
  private final Path trackerJar;
  private final List<String> trackerJvm;
  private final boolean jfr;
  private final int warmup;
  private String bootstrap;

  private TrackBench(String[] args) {
    int events = 2000;
    int repeats = 2000;
    int metrics = 2000;
    int profiles = 2000;
    Path out =
        Path.of(
            "benchmarks/target/results/track-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path jar = Path.of("tracker-service/target/quarkus-app/quarkus-run.jar");
    List<String> jvm = FleetOptions.SERVICE_JVM;
    boolean jfr = false;
    int warmup = 1000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--metrics" -> metrics = Integer.parseInt(args[++i]);
        case "--profiles" -> profiles = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--tracker-jar" -> jar = Path.of(args[++i]);
        case "--tracker-jvm" -> jvm = Arrays.asList(args[++i].trim().split("\\s+"));
        case "--jfr" -> jfr = true;
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    this.events = events;
    this.repeats = repeats;
    this.metrics = metrics;
    this.profiles = profiles;
    this.out = out;
    this.trackerJar = jar;
    this.trackerJvm = jvm;
    this.jfr = jfr;
    this.warmup = warmup;
  }

  public static void main(String[] args) throws Exception {
    new TrackBench(args).run();
  }

  /** One kind of record through the tracker and through a plain consumer. */
  private record Phase(
      String name,
      String topic,
      int records,
      long bytes,
      double seconds,
      double trackerCpuSeconds,
      double grossCpuSeconds,
      double firstVisibleSeconds,
      double allVisibleSeconds,
      double rawSeconds,
      double rawCpuSeconds) {
    double recordsPerSecond() {
      return records / seconds;
    }

    double cpuMicrosPerRecord() {
      return trackerCpuSeconds * 1e6 / records;
    }
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.printf("track bench, load average before: %s%n", load);
    List<Phase> phases = new ArrayList<>();
    try (FleetStack stack = FleetStack.start(Path.of("."), out);
        PackagedService tracker = startTracker(stack)) {
      bootstrap = stack.bootstrapServers();
      long readyMillis = tracker.awaitReady(Duration.ofSeconds(180));
      TopicClient kafka = new TopicClient(stack.bootstrapServers());
      // Let the start settle (consumer group joins, first scheduled jobs), then measure idle.
      Thread.sleep(5_000);
      double idleCores = cores(tracker.pid(), Duration.ofSeconds(5));
      System.out.printf(Locale.ROOT, "tracker idle: %.3f cores%n", idleCores);
      try (KafkaProducer<String, String> producer = producer(stack.bootstrapServers())) {
        if (warmup > 0) {
          // The same work on other services first, so that the figures are not the JIT's.
          System.out.printf("warm-up: %d of each kind%n", warmup);
          measure(
              "warm-up bottlenecks",
              Topics.BOTTLENECKS,
              bottlenecks("warm", warmup, warmup),
              warmup,
              producer,
              kafka,
              tracker,
              idleCores);
          measure(
              "warm-up metric batches",
              Topics.TELEMETRY_METRICS,
              metricBatches("warm", warmup, warmup),
              0,
              producer,
              kafka,
              tracker,
              idleCores);
          measure(
              "warm-up profiles",
              Topics.TELEMETRY_PROFILES,
              cpuProfiles("warm", warmup, warmup),
              0,
              producer,
              kafka,
              tracker,
              idleCores);
        }
        if (warmup > 0) {
          idleCores = cores(tracker.pid(), Duration.ofSeconds(5));
          System.out.printf(Locale.ROOT, "tracker idle after the warm-up: %.3f cores%n", idleCores);
        }
        phases.add(
            measure(
                "bottlenecks (%d new + %d repeats)".formatted(events, repeats),
                Topics.BOTTLENECKS,
                bottlenecks("track", events, repeats),
                (warmup > 0 ? warmup : 0) + events,
                producer,
                kafka,
                tracker,
                idleCores));
        phases.add(
            measure(
                "metric batches (with cache counters)",
                Topics.TELEMETRY_METRICS,
                metricBatches("track", metrics, events),
                0,
                producer,
                kafka,
                tracker,
                idleCores));
        phases.add(
            measure(
                "CPU profiles (150 stacks)",
                Topics.TELEMETRY_PROFILES,
                cpuProfiles("track", profiles, events),
                0,
                producer,
                kafka,
                tracker,
                idleCores));
      }
      String report = report(load, readyMillis, idleCores, phases);
      Files.writeString(out.resolve("results.md"), report);
      System.out.println(report);
      System.out.println("results in " + out.toAbsolutePath());
      kafka.close();
    }
  }

  private PackagedService startTracker(FleetStack stack) throws Exception {
    Path dir = out.toAbsolutePath();
    return PackagedService.start(
        "tracker",
        FleetOptions.THIS_JAVA,
        trackerJar,
        trackerJvm,
        jfr ? dir.resolve("tracker.jfr") : null,
        List.of(
            "hotpath.auth.tokens.demo.tenant=" + FleetBench.TENANT,
            "hotpath.auth.tokens.demo.sha256=" + IngestPathBench.sha256(FleetBench.TOKEN),
            // Commit every 500 ms (default 5 s) so that lag 0 follows the work closely.
            "mp.messaging.incoming.bottlenecks-in.auto.commit.interval.ms=500",
            "mp.messaging.incoming.telemetry-metrics-in.auto.commit.interval.ms=500",
            "mp.messaging.incoming.telemetry-profiles-in.auto.commit.interval.ms=500"),
        stack.env(),
        dir.resolve("tracker.log"));
  }

  /**
   * Publishes the records at once, then waits until the tracker's group committed them all;
   * bottlenecks also until the API shows every new one.
   */
  private Phase measure(
      String name,
      String topic,
      List<HotpathEvent> records,
      long visibleTotal,
      KafkaProducer<String, String> producer,
      TopicClient kafka,
      PackagedService tracker,
      double idleCores)
      throws Exception {
    boolean visible = visibleTotal > 0;
    List<String> values = records.stream().map(EventJson::write).toList();
    long bytes = values.stream().mapToLong(String::length).sum();
    Map<TopicPartition, Long> from = kafka.endOffsets(topic);
    long startTicks = FleetProcesses.cpuTicks(tracker.pid());
    long start = System.nanoTime();
    for (int i = 0; i < records.size(); i++) {
      producer.send(new ProducerRecord<>(topic, PartitionKeys.of(records.get(i)), values.get(i)));
    }
    producer.flush();
    double firstVisible = Double.NaN;
    double allVisible = Double.NaN;
    HttpClient http = HttpClient.newHttpClient();
    long deadline = start + DRAIN.toNanos();
    long lag;
    long lagZeroAt;
    while (true) {
      if (visible && Double.isNaN(allVisible)) {
        long shown = visibleBottlenecks(http, tracker);
        double now = (System.nanoTime() - start) / 1e9;
        if (shown > 0 && Double.isNaN(firstVisible)) {
          firstVisible = now;
        }
        if (shown >= visibleTotal) {
          allVisible = now;
        }
      }
      lag = kafka.lag(GROUP, topic);
      lagZeroAt = System.nanoTime();
      if (lag == 0 && (!visible || !Double.isNaN(allVisible))) {
        break;
      }
      if (lagZeroAt > deadline) {
        throw new IllegalStateException(
            name + ": the tracker did not catch up in " + DRAIN + " (lag " + lag + ")");
      }
      // The API's answers cost the tracker CPU too: ask five times a second, no more.
      Thread.sleep(200);
    }
    long endTicks = FleetProcesses.cpuTicks(tracker.pid());
    double seconds = (lagZeroAt - start) / 1e9;
    double gross = (endTicks - startTicks) / (double) TICKS_PER_SECOND;
    double cpu = Math.max(0, gross - idleCores * seconds);
    double[] raw = rawConsumer(bootstrap, kafka, topic, from, records.size());
    Phase phase =
        new Phase(
            name,
            topic,
            records.size(),
            bytes,
            seconds,
            cpu,
            gross,
            firstVisible,
            allVisible,
            raw[0],
            raw[1]);
    System.out.printf(
        Locale.ROOT,
        "%s: %d records in %.1f s to lag 0 (%.0f/s), tracker %.0f us CPU per record; raw consumer"
            + " %.2f s, %.1f us CPU per record%n",
        name,
        phase.records(),
        phase.seconds(),
        phase.recordsPerSecond(),
        phase.cpuMicrosPerRecord(),
        raw[0],
        raw[1] * 1e6 / records.size());
    return phase;
  }

  /** The number of bottlenecks the API shows the demo tenant. */
  private static long visibleBottlenecks(HttpClient http, PackagedService tracker)
      throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(tracker.baseUrl() + "/api/v1/bottlenecks?size=1"))
                .header("Authorization", "Bearer " + FleetBench.TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher total = TOTAL.matcher(page.body());
    return page.statusCode() == 200 && total.find() ? Long.parseLong(total.group(1)) : 0;
  }

  /**
   * A plain consumer (no group) reading the phase's records: wall seconds and this thread's CPU
   * seconds (the classic consumer fetches and decompresses on the polling thread).
   */
  private static double[] rawConsumer(
      String bootstrap,
      TopicClient kafka,
      String topic,
      Map<TopicPartition, Long> from,
      int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "track-bench-raw-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      Map<TopicPartition, Long> end = kafka.endOffsets(topic);
      List<TopicPartition> partitions = new ArrayList<>(end.keySet());
      consumer.assign(partitions);
      for (TopicPartition p : partitions) {
        consumer.seek(p, from.getOrDefault(p, 0L));
      }
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long read = 0;
      long checksum = 0;
      long deadline = start + TimeUnit.MINUTES.toNanos(2);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        for (var record : records) {
          checksum += record.value().length();
          read++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      if (read < expected) {
        System.out.printf("raw consumer read %d of %d records of %s%n", read, expected, topic);
      }
      return new double[] {seconds, cpuSeconds, checksum};
    }
  }

  /**
   * N first sightings of N+1 queries, one per service, with a repeat sighting of an earlier one
   * after about every N/R of them (same fingerprint, a new event id, one occurrence more).
   */
  private static List<HotpathEvent> bottlenecks(String prefix, int events, int repeats) {
    Random random = new Random(42);
    List<BottleneckDetected> firsts = new ArrayList<>();
    List<HotpathEvent> all = new ArrayList<>();
    Instant at = Instant.now();
    int repeated = 0;
    for (int i = 0; i < events; i++) {
      BottleneckDetected first = nPlusOne(prefix + "-%05d".formatted(i), 1, at);
      firsts.add(first);
      all.add(first);
      while (repeated < (long) repeats * (i + 1) / events) {
        BottleneckDetected earlier = firsts.get(random.nextInt(firsts.size()));
        all.add(nPlusOne(earlier.service(), 2 + repeated % 5, at.plusSeconds(10)));
        repeated++;
      }
    }
    return all;
  }

  private static BottleneckDetected nPlusOne(String service, long occurrences, Instant at) {
    String location = "GET /orders/{id}: select * from order_line where order_id = ?";
    return new BottleneckDetected(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        FleetBench.TENANT,
        service,
        "prod",
        "1.4.2",
        service + "-1",
        at,
        Fingerprints.bottleneck(FleetBench.TENANT, service, BottleneckType.N_PLUS_ONE, location),
        BottleneckType.N_PLUS_ONE,
        Severity.HIGH,
        location,
        new Impact(8, "queries", "8 queries per request where 1 would do"),
        new Evidence(
            "8 repeats of one statement under GET /orders/{id}",
            Map.of("repeats", 8.0, "requests", 30.0),
            at.minusSeconds(60),
            at,
            null,
            null,
            null,
            null),
        at.minusSeconds(60),
        at,
        occurrences,
        BottleneckState.ACTIVE);
  }

  /** Metric batches of the fleet's shape: heap, caches, a pool and route histograms. */
  private static List<HotpathEvent> metricBatches(String prefix, int metrics, int events) {
    List<HotpathEvent> all = new ArrayList<>();
    Instant at = Instant.now();
    for (int i = 0; i < metrics; i++) {
      all.add(
          AnalyzerEvents.metrics(
              prefix + "-%05d".formatted(i % Math.max(1, events)),
              at.plusSeconds(10L * (i / Math.max(1, events))),
              1 + i / Math.max(1, events)));
    }
    return all;
  }

  /** CPU profiles of 150 stacks (the fleet's size); the tracker only keeps lock profiles. */
  private static List<HotpathEvent> cpuProfiles(String prefix, int profiles, int events) {
    List<StackSample> stacks = AnalyzerEvents.stacks();
    List<StackSample> fleetSized = stacks.subList(0, Math.min(150, stacks.size()));
    List<HotpathEvent> all = new ArrayList<>();
    Instant at = Instant.now();
    for (int i = 0; i < profiles; i++) {
      all.add(
          AnalyzerEvents.profile(
              prefix + "-%05d".formatted(i % Math.max(1, events)),
              at,
              ProfileType.CPU,
              fleetSized));
    }
    return all;
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            8 * 1024 * 1024),
        new StringSerializer(),
        new StringSerializer());
  }

  /** The process's CPU in cores over {@code window}. */
  private static double cores(long pid, Duration window) throws InterruptedException {
    long before = FleetProcesses.cpuTicks(pid);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long ticks = FleetProcesses.cpuTicks(pid) - before;
    return ticks / (double) TICKS_PER_SECOND / ((System.nanoTime() - start) / 1e9);
  }

  private String report(String load, long readyMillis, double idleCores, List<Phase> phases)
      throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# Tracker through a backlog\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%s, %d cores, load average before: %s, after: %s. Tracker `%s` (%s), ready in %d ms,"
                + " idle %.3f cores after the warm-up (subtracted from its CPU below; gross in brackets).%n%n",
            Instant.now(),
            Runtime.getRuntime().availableProcessors(),
            load,
            Files.readString(Path.of("/proc/loadavg")).trim(),
            trackerJar,
            String.join(" ", trackerJvm),
            readyMillis,
            idleCores));
    md.append(
        "| records | n | kB each | tracker: first written -> lag 0 | records/s | CPU per record"
            + " (gross) | first / all new visible in the API | raw consumer | raw CPU per record |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Phase p : phases) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.1f s | %.0f | %.0f us (%.0f us) | %s | %.2f s (%.0f/s) | %.1f us |%n",
              p.name(),
              p.records(),
              p.bytes() / 1024.0 / p.records(),
              p.seconds(),
              p.recordsPerSecond(),
              p.cpuMicrosPerRecord(),
              p.grossCpuSeconds() * 1e6 / p.records(),
              Double.isNaN(p.allVisibleSeconds())
                  ? "—"
                  : String.format(
                      Locale.ROOT,
                      "%.1f s / %.1f s",
                      p.firstVisibleSeconds(),
                      p.allVisibleSeconds()),
              p.rawSeconds(),
              p.records() / p.rawSeconds(),
              p.rawCpuSeconds() * 1e6 / p.records()));
    }
    md.append(
        "\nLag 0 is the group's committed offsets reaching the end; the bench has the tracker"
            + " commit every 500 ms (5 s by default), so a phase's time to lag 0 includes up to"
            + " 0.5 s of waiting for the commit. The bench asks the API five times a second while"
            + " bottlenecks are not all visible; those answers are in the tracker's CPU.\n");
    return md.toString();
  }
}
