package io.hotpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotpath.localstack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The collector's whole ingest path (HTTP, auth, parse, normalize, JSON, Kafka with {@code
 * acks=all}) against a raw Kafka producer sending the same bodies, in the same run, on the same
 * broker: a local-stack Kafka in this JVM and the packaged collector as its own process, as in
 * production. For each payload kind, {@code --concurrency} clients send for a warm-up and a
 * measured window, first through the collector (java.net.http, keep-alive), then straight to a
 * scratch topic with one {@code KafkaProducer} configured as the collector's ({@code acks=all},
 * idempotent, lz4), each client waiting for its answer before sending again.
 *
 * <pre>
 * java -jar benchmarks/target/hotpath-benchmarks-*.jar ingest [--duration 20] [--warmup 5]
 *     [--concurrency 8] [--kinds traces,profiles,startup] [--out DIR] [--collector-jfr]
 * </pre>
 */
public final class IngestPathBench {
  static final String TOKEN = "hotpath-bench-token";
  static final String RAW_TOPIC = "hotpath.bench.raw.v1";
  static final String KEY = Payloads.TENANT + "/" + Payloads.SERVICE;

  /** One kind of request: where the collector takes it and the body sent. */
  record Kind(String name, String pathAndQuery, String contentType, Payloads.Payload payload) {}

  /** Both sides of one kind. */
  public record Comparison(
      String kind,
      String payload,
      long bodyBytes,
      Side hotpath,
      Side raw,
      double ratio,
      double collectorCpuMsPerRequest) {}

  /** One side's measured window. */
  public record Side(
      long requests,
      long errors,
      double requestsPerSecond,
      double megabytesPerSecond,
      double p50Ms,
      double p99Ms,
      double maxMs,
      double collectorCpuSeconds,
      double benchJvmCpuSeconds,
      String firstError) {}

  /** The command line. */
  record Options(
      Duration duration,
      Duration warmup,
      int concurrency,
      List<String> kinds,
      Path out,
      Path collectorJar,
      List<String> collectorJvm,
      boolean collectorJfr) {
    static Options parse(String... args) {
      Duration duration = Duration.ofSeconds(20);
      Duration warmup = Duration.ofSeconds(5);
      int concurrency = 8;
      List<String> kinds = List.of("traces", "profiles", "startup");
      Path out = Path.of("benchmarks/target/results");
      Path jar = Path.of("collector-service/target/quarkus-app/quarkus-run.jar");
      List<String> jvm = List.of("-Xmx512m");
      boolean jfr = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
          case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
          case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, arg));
          case "--kinds" -> kinds = List.of(value(args, ++i, arg).split(","));
          case "--out" -> out = Path.of(value(args, ++i, arg));
          case "--collector-jar" -> jar = Path.of(value(args, ++i, arg));
          case "--collector-jvm" -> jvm = List.of(value(args, ++i, arg).trim().split("\\s+"));
          case "--collector-jfr" -> jfr = true;
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      for (String kind : kinds) {
        if (!KINDS.contains(kind)) {
          throw new IllegalArgumentException("unknown kind " + kind + ", not one of " + KINDS);
        }
      }
      if (concurrency < 1 || duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("--concurrency and --duration must be positive");
      }
      return new Options(duration, warmup, concurrency, kinds, out, jar, jvm, jfr);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  static final List<String> KINDS =
      List.of(
          "traces",
          "metrics",
          "profiles",
          "startup",
          "fleet-traces",
          "fleet-metrics",
          "fleet-folded",
          "fleet-pprof");

  private IngestPathBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(options.collectorJar())) {
      System.err.println(
          options.collectorJar() + " is missing: run from the repository root after mvn package");
      System.exit(1);
    }
    Files.createDirectories(options.out());
    List<Comparison> comparisons = new ArrayList<>();
    try (LocalStack stack = LocalStack.builder().kafka(true).postgres(false).build().start();
        PackagedService collector = startCollector(options, stack.bootstrapServers());
        KafkaProducer<String, byte[]> producer = rawProducer(stack.bootstrapServers())) {
      createRawTopic(stack.bootstrapServers());
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      for (String name : options.kinds()) {
        Kind kind = kind(name);
        System.out.printf(
            Locale.ROOT,
            "%s: %s of %s, %d clients, %d s warm-up + %d s%n",
            kind.name(),
            kind.payload().name(),
            ParseBench.size(kind.payload().bytes().length),
            options.concurrency(),
            options.warmup().toSeconds(),
            options.duration().toSeconds());
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(collector.baseUrl() + kind.pathAndQuery()))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", kind.contentType())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(kind.payload().bytes()))
                .build();
        Side hotpath =
            measure(
                options,
                collector,
                () -> {
                  HttpResponse<String> response =
                      http.send(request, HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(
                        "HTTP " + response.statusCode() + ": " + response.body());
                  }
                  return true;
                },
                kind.payload().bytes().length);
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(RAW_TOPIC, KEY, kind.payload().bytes());
        Side raw =
            measure(
                options,
                collector,
                () -> {
                  producer.send(record).get(30, TimeUnit.SECONDS);
                  return true;
                },
                kind.payload().bytes().length);
        Comparison comparison =
            new Comparison(
                kind.name(),
                kind.payload().name(),
                kind.payload().bytes().length,
                hotpath,
                raw,
                raw.requestsPerSecond() > 0
                    ? hotpath.requestsPerSecond() / raw.requestsPerSecond()
                    : 0,
                hotpath.requests() > 0
                    ? hotpath.collectorCpuSeconds() * 1000 / hotpath.requests()
                    : 0);
        comparisons.add(comparison);
        System.out.println(markdown(List.of(comparison)));
      }
    }
    String markdown = markdown(comparisons);
    System.out.println();
    System.out.println(markdown);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", Instant.now().toString());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.vm.version"));
    json.put("concurrency", options.concurrency());
    json.put("warmupSeconds", options.warmup().toSeconds());
    json.put("durationSeconds", options.duration().toSeconds());
    json.put("collectorJvm", options.collectorJvm());
    json.put("results", comparisons);
    Files.writeString(options.out().resolve("ingest.md"), markdown);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out().resolve("ingest.json").toFile(), json);
    System.out.println(
        "written: "
            + options.out().resolve("ingest.md")
            + ", "
            + options.out().resolve("ingest.json"));
  }

  static Kind kind(String name) {
    return switch (name) {
      case "traces" ->
          new Kind(name, "/v1/traces", "application/x-protobuf", Payloads.tracesProtobuf());
      case "metrics" ->
          new Kind(name, "/v1/metrics", "application/x-protobuf", Payloads.metricsProtobuf());
      case "profiles" ->
          new Kind(
              name,
              "/ingest?name="
                  + URLEncoder.encode(Payloads.PROFILE_NAME, StandardCharsets.UTF_8)
                  + "&from=1764151200&until=1764151210&format=folded&sampleRate=100&spyName=javaspy",
              "text/plain",
              Payloads.folded());
      case "startup" ->
          new Kind(name, "/api/v1/reports/startup", "application/json", Payloads.startupReport());
      case "fleet-traces" -> fleet(name, FleetPayloads.Kind.TRACES, "spans");
      case "fleet-metrics" -> fleet(name, FleetPayloads.Kind.METRICS, "exports");
      case "fleet-folded" -> fleet(name, FleetPayloads.Kind.PROFILE_FOLDED, "profiles");
      case "fleet-pprof" -> fleet(name, FleetPayloads.Kind.PROFILE_PPROF, "profiles");
      default -> throw new IllegalArgumentException("unknown kind " + name);
    };
  }

  /**
   * One report of the fleet bench's mix (the small bodies a simulated service instance sends), the
   * same report each time: the collector's cost per report of the fleet, kind by kind.
   */
  private static Kind fleet(String name, FleetPayloads.Kind kind, String unit) {
    FleetPayloads.Report report =
        FleetPayloads.build(
            kind, 0, 0, 1, FleetPayloads.NPlusOne.MEASURED, System.currentTimeMillis());
    return new Kind(
        name,
        report.pathAndQuery(),
        report.contentType(),
        new Payloads.Payload("fleet " + name.substring(6), report.body(), 1, unit));
  }

  private static Side measure(
      Options options, PackagedService collector, LoadDriver.Call call, long bodyBytes)
      throws InterruptedException {
    // CPU is read around the whole run; scaled to the window it is a close estimate.
    long collectorBefore = ProcessCpu.nanos(collector.pid());
    long benchBefore = ProcessCpu.nanos(ProcessHandle.current().pid());
    LoadDriver.Outcome outcome =
        LoadDriver.run(options.concurrency(), options.warmup(), options.duration(), call);
    double total = (double) (options.warmup().toNanos() + options.duration().toNanos());
    double share = options.duration().toNanos() / total;
    double collectorCpu = (ProcessCpu.nanos(collector.pid()) - collectorBefore) * share / 1e9;
    double benchCpu = (ProcessCpu.nanos(ProcessHandle.current().pid()) - benchBefore) * share / 1e9;
    double perSecond = outcome.perSecond();
    return new Side(
        outcome.succeeded(),
        outcome.failed(),
        perSecond,
        perSecond * bodyBytes / 1e6,
        outcome.latencyMicros().getValueAtPercentile(50) / 1000.0,
        outcome.latencyMicros().getValueAtPercentile(99) / 1000.0,
        outcome.latencyMicros().getMaxValue() / 1000.0,
        collectorCpu,
        benchCpu,
        outcome.firstError());
  }

  static String markdown(List<Comparison> comparisons) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| payload | body | Hotpath req/s | raw req/s | Hotpath MB/s | raw MB/s |"
            + " Hotpath p50 / p99 ms | raw p50 / p99 ms | Hotpath / raw | collector CPU ms/req |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Comparison c : comparisons) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %.1f | %.1f | %.1f / %.1f | %.1f / %.1f | %.0f %% | %.2f |%n",
              c.payload(),
              ParseBench.size(c.bodyBytes()),
              ParseBench.figure(c.hotpath().requestsPerSecond()),
              ParseBench.figure(c.raw().requestsPerSecond()),
              c.hotpath().megabytesPerSecond(),
              c.raw().megabytesPerSecond(),
              c.hotpath().p50Ms(),
              c.hotpath().p99Ms(),
              c.raw().p50Ms(),
              c.raw().p99Ms(),
              c.ratio() * 100,
              c.collectorCpuMsPerRequest()));
    }
    for (Comparison c : comparisons) {
      if (c.hotpath().errors() > 0 || c.raw().errors() > 0) {
        md.append(
            String.format(
                Locale.ROOT,
                "%n%s: %d Hotpath errors (first: %s), %d raw errors (first: %s)%n",
                c.kind(),
                c.hotpath().errors(),
                c.hotpath().firstError(),
                c.raw().errors(),
                c.raw().firstError()));
      }
    }
    return md.toString();
  }

  /** Configured as the collector's producers (application.properties, {@code *-out}). */
  static KafkaProducer<String, byte[]> rawProducer(String bootstrap) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2097152");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  /** Three partitions, as the broker auto-creates the collector's topics. */
  private static void createRawTopic(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(RAW_TOPIC, 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** CPU time of a process from {@code /proc/<pid>/stat} (utime + stime); 0 where unavailable. */
  static final class ProcessCpu {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcessCpu() {}

    static long nanos(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
  }

  /** The packaged collector in the prod profile, with the bench token, ready. */
  static PackagedService startCollector(Options options, String bootstrap) throws Exception {
    PackagedService collector =
        PackagedService.start(
            "collector",
            options.collectorJar(),
            options.collectorJvm(),
            options.collectorJfr() ? options.out().resolve("collector.jfr") : null,
            List.of(
                "hotpath.auth.tokens.bench.tenant=" + Payloads.TENANT,
                "hotpath.auth.tokens.bench.sha256=" + sha256(TOKEN)),
            bootstrap,
            options.out().resolve("collector.log"));
    collector.awaitReady(Duration.ofSeconds(90));
    return collector;
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
