package io.hotpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.localstack.LocalStack;
import io.hotpath.localstack.kafka.TopicClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The analyzer's consumption rate against a raw Kafka consumer reading the same topic in the same
 * run. Starts a local-stack Kafka (no PostgreSQL) in this JVM; then, per kind: preloads the kind's
 * topic with realistic events ({@link AnalyzerEvents}), reads it from the beginning with a plain
 * {@link KafkaConsumer} (String values, as the analyzer's channels read them), then starts the
 * packaged analyzer in {@code prod} and measures how fast its {@code
 * hotpath_analyzer_reports_total} for that kind rises to the number preloaded, and when its
 * consumer group's lag is 0. The analyzer is stopped before the next kind, so each kind is measured
 * alone.
 *
 * <pre>
 * java -jar benchmarks/target/hotpath-benchmarks-*.jar consume [--events 2000] [--profiles 100]
 *     [--kinds traces,metrics,profiles] [--out DIR] [--analyzer-jvm "-Xmx512m"] [--analyzer-jfr]
 * </pre>
 */
public final class ConsumeBench {
  static final String GROUP = "hotpath-analyzer";
  static final int SERVICES = 8;
  static final Pattern REPORTS =
      Pattern.compile(
          "^hotpath_analyzer_reports_total\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

  /** One side's figures. */
  public record Side(
      long records, double seconds, double recordsPerSecond, double megabytesPerSecond) {}

  /** One kind's comparison. */
  public record Comparison(
      String kind,
      String topic,
      long records,
      long averageRecordBytes,
      Side raw,
      Side analyzer,
      double ratio,
      double secondsToZeroLag,
      double analyzerCpuMsPerRecord) {}

  record Options(
      int events,
      int profiles,
      List<String> kinds,
      Path out,
      Path analyzerJar,
      List<String> analyzerJvm,
      boolean analyzerJfr) {
    static Options parse(String... args) {
      int events = 2_000;
      int profiles = 100;
      List<String> kinds = List.of("traces", "metrics", "profiles");
      Path out = Path.of("benchmarks/target/results");
      Path jar = Path.of("analyzer-service/target/quarkus-app/quarkus-run.jar");
      List<String> jvm = List.of("-Xmx512m");
      boolean jfr = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--events" -> events = Integer.parseInt(value(args, ++i, "--events"));
          case "--profiles" -> profiles = Integer.parseInt(value(args, ++i, "--profiles"));
          case "--kinds" -> kinds = List.of(value(args, ++i, "--kinds").split(","));
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          case "--analyzer-jar" -> jar = Path.of(value(args, ++i, "--analyzer-jar"));
          case "--analyzer-jvm" -> jvm = List.of(value(args, ++i, "--analyzer-jvm").split(" "));
          case "--analyzer-jfr" -> jfr = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      for (String kind : kinds) {
        topic(kind);
      }
      return new Options(events, profiles, kinds, out, jar, jvm, jfr);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  private ConsumeBench() {}

  static String topic(String kind) {
    return switch (kind) {
      case "traces" -> Topics.TELEMETRY_TRACES;
      case "metrics" -> Topics.TELEMETRY_METRICS;
      case "profiles" -> Topics.TELEMETRY_PROFILES;
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
  }

  /** The analyzer's {@code kind} tag of {@code hotpath_analyzer_reports_total}. */
  static String metricKind(String kind) {
    return kind.equals("traces") ? "spans" : kind;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(options.analyzerJar())) {
      System.err.println(
          options.analyzerJar() + " is missing: run from the repository root after mvn package");
      System.exit(1);
    }
    Files.createDirectories(options.out());
    List<Comparison> comparisons = new ArrayList<>();
    try (LocalStack stack = LocalStack.builder().kafka(true).postgres(false).build().start()) {
      String bootstrap = stack.bootstrapServers();
      TopicClient topics = new TopicClient(bootstrap);
      for (String kind : options.kinds()) {
        String topic = topic(kind);
        int count = kind.equals("profiles") ? options.profiles() : options.events();
        long bytes = preload(bootstrap, kind, topic, count);
        System.out.printf(
            Locale.ROOT, "%s: %,d records, %s on %s%n", kind, count, ParseBench.size(bytes), topic);
        Side raw = rawConsume(bootstrap, topic, count, bytes);
        System.out.printf(Locale.ROOT, "  raw consumer: %.0f records/s%n", raw.recordsPerSecond());
        Comparison comparison;
        try (Analyzer analyzer = Analyzer.start(options, kind, bootstrap)) {
          comparison = analyzerConsume(analyzer, topics, kind, topic, count, bytes, raw);
        }
        System.out.println(markdown(List.of(comparison)));
        comparisons.add(comparison);
      }
      topics.close();
    }
    String markdown = markdown(comparisons);
    System.out.println();
    System.out.println(markdown);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", Instant.now().toString());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.vm.version"));
    json.put("analyzerJvm", options.analyzerJvm());
    json.put("results", comparisons);
    Files.writeString(options.out().resolve("consume.md"), markdown);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out().resolve("consume.json").toFile(), json);
    System.out.println(
        "written: "
            + options.out().resolve("consume.md")
            + ", "
            + options.out().resolve("consume.json"));
  }

  /** Writes {@code count} events of the kind, keyed over 8 services; the values' bytes. */
  static long preload(String bootstrap, String kind, String topic, int count) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2097152");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    Random random = new Random(7);
    Instant start = Instant.now().minus(Duration.ofHours(3));
    List<StackSample> stacks = kind.equals("profiles") ? AnalyzerEvents.stacks() : List.of();
    long bytes = 0;
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < count; i++) {
        String service = Payloads.SERVICE + "-" + (i % SERVICES);
        // Each service's events advance in time: 1 s (spans), 10 s (metrics, profiles) apart.
        long n = i / SERVICES;
        HotpathEvent event =
            switch (kind) {
              case "traces" -> AnalyzerEvents.spans(service, start.plusSeconds(n), random);
              case "metrics" -> AnalyzerEvents.metrics(service, start.plusSeconds(10 * n), n + 1);
              default ->
                  AnalyzerEvents.profile(
                      service, start.plusSeconds(10 * n), ProfileType.CPU, stacks);
            };
        String value = EventJson.write(event);
        bytes += value.length();
        sent.add(
            producer.send(new ProducerRecord<>(topic, Payloads.TENANT + "/" + service, value)));
        if (sent.size() >= 1000) {
          for (Future<RecordMetadata> f : sent) {
            f.get(60, TimeUnit.SECONDS);
          }
          sent.clear();
        }
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    return bytes;
  }

  /** Reads the topic from the beginning with a plain consumer until {@code count} records. */
  static Side rawConsume(String bootstrap, String topic, int count, long bytes) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long started = System.nanoTime();
      long read = 0;
      long deadline = started + TimeUnit.MINUTES.toNanos(10);
      while (read < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          read += record.value() == null ? 0 : 1;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Side(read, seconds, read / seconds, bytes / 1e6 / seconds);
    }
  }

  static Comparison analyzerConsume(
      Analyzer analyzer,
      TopicClient topics,
      String kind,
      String topic,
      int count,
      long bytes,
      Side raw)
      throws Exception {
    String metricKind = metricKind(kind);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    long firstSeen = 0;
    double atFirstSeen = 0;
    long cpuAtFirstSeen = 0;
    double read = 0;
    long done = 0;
    long cpuAtDone = 0;
    while (System.nanoTime() < deadline) {
      read = analyzer.reports(metricKind);
      long now = System.nanoTime();
      if (firstSeen == 0 && read > 0) {
        firstSeen = now;
        atFirstSeen = read;
        cpuAtFirstSeen = IngestPathBench.ProcessCpu.nanos(analyzer.pid());
      }
      if (read >= count) {
        done = now;
        cpuAtDone = IngestPathBench.ProcessCpu.nanos(analyzer.pid());
        break;
      }
      // Not more often: a scrape costs the analyzer CPU (8 % of it at 100 ms, in a JFR).
      Thread.sleep(250);
    }
    if (done == 0) {
      throw new IllegalStateException(
          "the analyzer read " + read + " of " + count + " " + kind + " records in 15 minutes");
    }
    long zeroLag = done;
    while (topics.lag(GROUP, topic) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      zeroLag = System.nanoTime();
    }
    // From the first poll that saw a count: the records counted then are left out of the rate.
    double seconds = Math.max(1e-3, (done - firstSeen) / 1e9);
    double measured = count - atFirstSeen;
    double share = measured / count;
    Side side = new Side(count, seconds, measured / seconds, bytes * share / 1e6 / seconds);
    return new Comparison(
        kind,
        topic,
        count,
        bytes / count,
        raw,
        side,
        raw.recordsPerSecond() > 0 ? side.recordsPerSecond() / raw.recordsPerSecond() : 0,
        (zeroLag - firstSeen) / 1e9,
        measured > 0 ? (cpuAtDone - cpuAtFirstSeen) / 1e6 / measured : 0);
  }

  static String markdown(List<Comparison> comparisons) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| topic | records | avg record | raw consumer records/s | raw MB/s | analyzer records/s |"
            + " analyzer MB/s | analyzer / raw | analyzer: first record to lag 0 | analyzer CPU"
            + " per record |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Comparison c : comparisons) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %.1f | %s | %.1f | %.1f %% | %.1f s | %.2f ms |%n",
              c.kind(),
              c.records(),
              ParseBench.size(c.averageRecordBytes()),
              ParseBench.figure(c.raw().recordsPerSecond()),
              c.raw().megabytesPerSecond(),
              ParseBench.figure(c.analyzer().recordsPerSecond()),
              c.analyzer().megabytesPerSecond(),
              c.ratio() * 100,
              c.secondsToZeroLag(),
              c.analyzerCpuMsPerRecord()));
    }
    return md.toString();
  }

  /** The packaged analyzer as its own process, in the prod profile. */
  static final class Analyzer implements AutoCloseable {
    private final PackagedService service;
    private final HttpClient http = HttpClient.newHttpClient();

    private Analyzer(PackagedService service) {
      this.service = service;
    }

    static Analyzer start(Options options, String kind, String bootstrap) throws Exception {
      List<String> properties = new ArrayList<>();
      // Nothing to rebuild in a fresh group; and commit often, so lag 0 shows without waiting 5 s.
      properties.add("hotpath.analyzer.rebuild.window=0");
      for (String channel : List.of("reports-in", "spans-in", "metrics-in", "profiles-in")) {
        properties.add("mp.messaging.incoming." + channel + ".auto.commit.interval.ms=500");
      }
      PackagedService service =
          PackagedService.start(
              "analyzer",
              options.analyzerJar(),
              options.analyzerJvm(),
              options.analyzerJfr() ? options.out().resolve("analyzer-" + kind + ".jfr") : null,
              properties,
              bootstrap,
              options.out().resolve("analyzer-" + kind + ".log"));
      System.out.printf(
          Locale.ROOT,
          "  analyzer started (pid %d, port %d, log %s)%n",
          service.pid(),
          service.port(),
          service.log());
      return new Analyzer(service);
    }

    /** Records of this kind the analyzer has read (any outcome); 0 while it starts. */
    double reports(String kind) throws InterruptedException {
      if (!service.isAlive()) {
        throw new IllegalStateException("the analyzer exited; see " + service.log());
      }
      try {
        HttpResponse<String> metrics =
            http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        return reports(metrics.body(), kind);
      } catch (IOException e) {
        return 0; // not listening yet
      }
    }

    static double reports(String prometheus, String kind) {
      double total = 0;
      Matcher m = REPORTS.matcher(prometheus);
      while (m.find()) {
        Map<String, String> labels =
            Arrays.stream(m.group(1).split(","))
                .filter(l -> l.contains("="))
                .collect(
                    Collectors.toMap(
                        l -> l.substring(0, l.indexOf('=')).trim(),
                        l -> l.substring(l.indexOf('=') + 1).replace("\"", "").trim(),
                        (a, b) -> b));
        if (kind.equals(labels.get("kind"))) {
          total += Double.parseDouble(m.group(2));
        }
      }
      return total;
    }

    long pid() {
      return service.pid();
    }

    @Override
    public void close() {
      service.close();
    }
  }
}
