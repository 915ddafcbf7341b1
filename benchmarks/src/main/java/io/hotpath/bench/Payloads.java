package io.hotpath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Realistic request bodies, the same for the JMH benchmarks and the ingest-path run: what an
 * OpenTelemetry SDK, a Pyroscope agent or a CI job sends. Deterministic (fixed seeds), except the
 * JFR recording, which is made in this JVM.
 */
public final class Payloads {
  public static final String SERVICE = "checkout";
  public static final String TENANT = "bench";

  /** Spans in one trace export: 32 requests, each a server span and 15 queries (an N+1). */
  public static final int SPANS = 512;

  /** Distinct stacks in one profile upload. */
  public static final int STACKS = 2_000;

  /** The Pyroscope {@code name} of the profile uploads. */
  public static final String PROFILE_NAME = SERVICE + ".cpu{env=prod,version=1.4.2,instance=i-1}";

  private static final long START_NANOS = 1_764_151_200_000_000_000L; // 2025-11-26T10:00:00Z
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /** A body and how many items (spans, points, stack samples, reports) it holds. */
  public record Payload(String name, byte[] bytes, long items, String itemUnit) {}

  // ---------------------------------------------------------------------------------------------
  // OTLP traces

  /** An OTLP trace export of {@link #SPANS} spans with HTTP and DB attributes. */
  public static ExportTraceServiceRequest traceExport() {
    Random random = new Random(42);
    List<Span> spans = new ArrayList<>(SPANS);
    String[] routes = {"/orders/{id}", "/orders", "/cart/{id}/items", "/catalog/search"};
    for (int t = 0; spans.size() < SPANS; t++) {
      byte[] traceId = new byte[16];
      random.nextBytes(traceId);
      byte[] serverId = new byte[8];
      random.nextBytes(serverId);
      long start = START_NANOS + t * 250_000_000L;
      String route = routes[t % routes.length];
      spans.add(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(serverId))
              .setName("GET " + route)
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(start)
              .setEndTimeUnixNano(start + 180_000_000L + random.nextInt(50_000_000))
              .addAttributes(kv("http.request.method", "GET"))
              .addAttributes(kv("http.route", route))
              .addAttributes(kv("url.path", route.replace("{id}", Integer.toString(1000 + t))))
              .addAttributes(kv("url.scheme", "http"))
              .addAttributes(kv("http.response.status_code", 200))
              .addAttributes(kv("server.address", "checkout.shop.svc"))
              .addAttributes(kv("server.port", 8080))
              .addAttributes(kv("network.protocol.version", "1.1"))
              .addAttributes(kv("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"))
              .addAttributes(kv("thread.name", "executor-thread-" + (t % 8)))
              .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET))
              .build());
      for (int q = 0; q < 15 && spans.size() < SPANS; q++) {
        byte[] spanId = new byte[8];
        random.nextBytes(spanId);
        long queryStart = start + 5_000_000L + q * 11_000_000L;
        spans.add(
            Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(ByteString.copyFrom(spanId))
                .setParentSpanId(ByteString.copyFrom(serverId))
                .setName("SELECT shop.order_line")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(queryStart)
                .setEndTimeUnixNano(queryStart + 9_000_000L + random.nextInt(2_000_000))
                .addAttributes(kv("db.system.name", "postgresql"))
                .addAttributes(kv("db.system", "postgresql"))
                .addAttributes(kv("db.namespace", "shop"))
                .addAttributes(
                    kv(
                        "db.query.text",
                        "select ol.id, ol.order_id, ol.product_id, ol.quantity, ol.unit_price"
                            + " from order_line ol where ol.order_id = ?"))
                .addAttributes(kv("db.operation.name", "SELECT"))
                .addAttributes(kv("db.collection.name", "order_line"))
                .addAttributes(kv("server.address", "postgres.shop.svc"))
                .addAttributes(kv("server.port", 5432))
                .addAttributes(kv("thread.name", "executor-thread-" + (t % 8)))
                .build());
      }
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource())
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(scope("io.opentelemetry.jdbc"))
                        .addAllSpans(spans)))
        .build();
  }

  public static Payload tracesProtobuf() {
    return new Payload("OTLP traces, protobuf", traceExport().toByteArray(), SPANS, "spans");
  }

  public static Payload tracesJson() {
    return new Payload("OTLP traces, JSON", otlpJson(traceExport()), SPANS, "spans");
  }

  // ---------------------------------------------------------------------------------------------
  // OTLP metrics

  /**
   * An OTLP metrics export as a JVM service sends it every minute: memory pools, GC, threads, CPU,
   * HTTP server durations per route, the DB connection pool and cache gets.
   */
  public static ExportMetricsServiceRequest metricsExport() {
    long time = START_NANOS + 60_000_000_000L;
    List<Metric> metrics = new ArrayList<>();
    String[] pools = {
      "G1 Eden Space",
      "G1 Old Gen",
      "G1 Survivor Space",
      "Metaspace",
      "CodeCache",
      "Compressed Class Space"
    };
    Gauge.Builder used = Gauge.newBuilder();
    Gauge.Builder afterGc = Gauge.newBuilder();
    for (int i = 0; i < pools.length; i++) {
      String type = i < 3 ? "heap" : "non_heap";
      used.addDataPoints(
          number(time, 50_000_000L + i * 7_000_000L, "jvm.memory.pool.name", pools[i], type));
      afterGc.addDataPoints(
          number(time, 30_000_000L + i * 5_000_000L, "jvm.memory.pool.name", pools[i], type));
    }
    metrics.add(
        Metric.newBuilder().setName("jvm.memory.used").setUnit("By").setGauge(used).build());
    metrics.add(
        Metric.newBuilder()
            .setName("jvm.memory.used_after_last_gc")
            .setUnit("By")
            .setGauge(afterGc)
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("jvm.cpu.recent_utilization")
            .setUnit("1")
            .setGauge(Gauge.newBuilder().addDataPoints(doublePoint(time, 0.42)))
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("jvm.thread.count")
            .setUnit("{thread}")
            .setSum(
                cumulativeSum()
                    .setIsMonotonic(false)
                    .addDataPoints(number(time, 41, "jvm.thread.state", "runnable", null))
                    .addDataPoints(number(time, 17, "jvm.thread.state", "waiting", null))
                    .addDataPoints(number(time, 6, "jvm.thread.state", "timed_waiting", null)))
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("jvm.gc.duration")
            .setUnit("s")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        histogramPoint(
                            time,
                            List.of(0.01, 0.1, 1.0, 10.0),
                            new long[] {120, 14, 2, 0, 0},
                            Map.of("jvm.gc.name", "G1 Young Generation", "jvm.gc.action", "end"))))
            .build());
    Histogram.Builder http =
        Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    List<Double> httpBounds =
        List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    String[] routes = {
      "/orders/{id}", "/orders", "/cart/{id}", "/cart/{id}/items", "/catalog/search",
      "/catalog/{sku}", "/payments", "/payments/{id}", "/users/{id}", "/health"
    };
    for (int r = 0; r < routes.length; r++) {
      for (String method : List.of("GET", "POST")) {
        long[] counts = new long[httpBounds.size() + 1];
        for (int b = 0; b < counts.length; b++) {
          counts[b] = (r + 1) * 37L * (b < 6 ? b + 1 : 15 - b);
        }
        http.addDataPoints(
            histogramPoint(
                time,
                httpBounds,
                counts,
                Map.of(
                    "http.route",
                    routes[r],
                    "http.request.method",
                    method,
                    "http.response.status_code",
                    "200",
                    "url.scheme",
                    "http")));
      }
    }
    metrics.add(
        Metric.newBuilder()
            .setName("http.server.request.duration")
            .setUnit("s")
            .setHistogram(http)
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("db.client.connection.count")
            .setUnit("{connection}")
            .setSum(
                cumulativeSum()
                    .setIsMonotonic(false)
                    .addDataPoints(
                        number(time, 8, "db.client.connection.state", "used", "HikariPool-1"))
                    .addDataPoints(
                        number(time, 2, "db.client.connection.state", "idle", "HikariPool-1")))
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("db.client.connection.wait_time")
            .setUnit("s")
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setTimeUnixNano(time)
                            .setStartTimeUnixNano(START_NANOS)
                            .setCount(300)
                            .setSum(4.2)
                            .setScale(2)
                            .setZeroCount(10)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(-20)
                                    .addAllBucketCounts(
                                        List.of(5L, 20L, 40L, 80L, 70L, 40L, 20L, 10L, 5L)))
                            .addAttributes(kv("db.client.connection.pool.name", "HikariPool-1"))))
            .build());
    metrics.add(
        Metric.newBuilder()
            .setName("cache.gets")
            .setUnit("{get}")
            .setSum(
                cumulativeSum()
                    .setIsMonotonic(true)
                    .addDataPoints(number(time, 91_200, "result", "hit", "product-cache"))
                    .addDataPoints(number(time, 12_800, "result", "miss", "product-cache")))
            .build());
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource())
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(scope("io.opentelemetry.runtime-telemetry-java17"))
                        .addAllMetrics(metrics)))
        .build();
  }

  public static Payload metricsProtobuf() {
    ExportMetricsServiceRequest export = metricsExport();
    return new Payload(
        "OTLP metrics, protobuf", export.toByteArray(), pointCount(export), "data points");
  }

  public static Payload metricsJson() {
    ExportMetricsServiceRequest export = metricsExport();
    return new Payload("OTLP metrics, JSON", otlpJson(export), pointCount(export), "data points");
  }

  static long pointCount(ExportMetricsServiceRequest export) {
    long points = 0;
    for (ResourceMetrics resource : export.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          points +=
              switch (metric.getDataCase()) {
                case GAUGE -> metric.getGauge().getDataPointsCount();
                case SUM -> metric.getSum().getDataPointsCount();
                case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
                case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
                default -> 0;
              };
        }
      }
    }
    return points;
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles

  /**
   * {@link #STACKS} distinct stacks of a Java web service, root first, each with a sample count:
   * the shape of a 10 s async-profiler or Pyroscope CPU profile, kept shallow (4 to 13 frames) so
   * the folded text stays under the collector's 1 MiB body limit.
   */
  public static Map<List<String>, Long> stacks() {
    Random random = new Random(7);
    List<String> entry =
        List.of(
            "java.lang.Thread.run",
            "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run",
            "io.vertx.core.impl.ContextInternal.dispatch",
            "io.quarkus.vertx.http.runtime.VertxHttpRecorder$1.handle",
            "org.jboss.resteasy.reactive.server.handlers.InvocationHandler.handle");
    String[] packages = {
      "com.shop.checkout.order", "com.shop.checkout.cart", "com.shop.checkout.payment",
      "com.shop.catalog.search", "org.hibernate.engine.spi", "org.postgresql.core.v3",
      "com.fasterxml.jackson.databind.ser", "java.util.stream", "io.netty.buffer",
      "io.micrometer.core.instrument"
    };
    String[] classes = {
      "OrderService", "OrderRepository", "CartResource", "PriceCalculator", "QueryExecutorImpl",
      "BeanSerializer", "ReferencePipeline", "PooledByteBufAllocator", "SessionImpl", "Timer"
    };
    String[] methods = {
      "handle",
      "find",
      "load",
      "serialize",
      "execute",
      "compute",
      "apply",
      "write",
      "read",
      "process",
      "lambda$apply$0",
      "invoke"
    };
    Map<List<String>, Long> stacks = new LinkedHashMap<>();
    while (stacks.size() < STACKS) {
      int depth = 2 + random.nextInt(7);
      List<String> frames = new ArrayList<>(entry.subList(0, 2 + random.nextInt(4)));
      for (int d = 0; d < depth; d++) {
        frames.add(
            packages[random.nextInt(packages.length)]
                + "."
                + classes[random.nextInt(classes.length)]
                + "."
                + methods[random.nextInt(methods.length)]);
      }
      // A few hot stacks, a long tail of cold ones.
      long count = random.nextInt(10) == 0 ? 50 + random.nextInt(500) : 1 + random.nextInt(5);
      stacks.putIfAbsent(List.copyOf(frames), count);
    }
    return stacks;
  }

  /** The stacks in Pyroscope's {@code folded} format ({@code a;b;c 42} a line). */
  public static Payload folded() {
    StringBuilder body = new StringBuilder();
    stacks()
        .forEach(
            (frames, count) ->
                body.append(String.join(";", frames)).append(' ').append(count).append('\n'));
    return new Payload(
        "Pyroscope folded", body.toString().getBytes(StandardCharsets.UTF_8), STACKS, "stacks");
  }

  /** The same stacks as a gzipped pprof {@code Profile}, as Go and async-profiler agents send. */
  public static Payload pprofGzip() {
    return new Payload("Pyroscope pprof (gzip)", gzip(pprof(stacks())), STACKS, "stacks");
  }

  /** A pprof profile ({@code perftools.profiles.Profile}) of {@code stacks}, written by hand. */
  static byte[] pprof(Map<List<String>, Long> stacks) {
    Map<String, Long> strings = new LinkedHashMap<>();
    strings.put("", 0L);
    Map<String, Long> functions = new LinkedHashMap<>(); // name -> id (= location id)
    for (List<String> frames : stacks.keySet()) {
      for (String frame : frames) {
        functions.computeIfAbsent(frame, f -> (long) functions.size() + 1);
        strings.computeIfAbsent(frame, f -> (long) strings.size());
      }
    }
    for (String s : List.of("samples", "count", "cpu", "nanoseconds")) {
      strings.computeIfAbsent(s, k -> (long) strings.size());
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(1, valueType(strings.get("samples"), strings.get("count")));
      out.writeByteArray(1, valueType(strings.get("cpu"), strings.get("nanoseconds")));
      for (Map.Entry<List<String>, Long> stack : stacks.entrySet()) {
        List<String> frames = stack.getKey();
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(sample);
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        CodedOutputStream idOut = CodedOutputStream.newInstance(ids);
        for (int i = frames.size() - 1; i >= 0; i--) { // leaf first
          idOut.writeUInt64NoTag(functions.get(frames.get(i)));
        }
        idOut.flush();
        s.writeByteArray(1, ids.toByteArray());
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        CodedOutputStream valueOut = CodedOutputStream.newInstance(values);
        valueOut.writeInt64NoTag(stack.getValue());
        valueOut.writeInt64NoTag(stack.getValue() * 10_000_000L);
        valueOut.flush();
        s.writeByteArray(2, values.toByteArray());
        s.flush();
        out.writeByteArray(2, sample.toByteArray());
      }
      for (Map.Entry<String, Long> function : functions.entrySet()) {
        long id = function.getValue();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(line);
        l.writeUInt64(1, id);
        l.writeInt64(2, 42);
        l.flush();
        ByteArrayOutputStream location = new ByteArrayOutputStream();
        CodedOutputStream loc = CodedOutputStream.newInstance(location);
        loc.writeUInt64(1, id);
        loc.writeByteArray(4, line.toByteArray());
        loc.flush();
        out.writeByteArray(4, location.toByteArray());
        ByteArrayOutputStream fn = new ByteArrayOutputStream();
        CodedOutputStream f = CodedOutputStream.newInstance(fn);
        f.writeUInt64(1, id);
        f.writeInt64(2, strings.get(function.getKey()));
        f.writeInt64(3, strings.get(function.getKey()));
        f.flush();
        out.writeByteArray(5, fn.toByteArray());
      }
      for (String s : strings.keySet()) {
        out.writeString(6, s);
      }
      out.writeByteArray(11, valueType(strings.get("cpu"), strings.get("nanoseconds")));
      out.writeInt64(12, 10_000_000L);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] valueType(long type, long unit) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeInt64(1, type);
    out.writeInt64(2, unit);
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * A JFR recording made now, in this JVM, of about {@code duration} of CPU-bound work that also
   * allocates and contends a lock: execution samples every 10 ms (Pyroscope's default rate),
   * allocation and monitor events, as the Pyroscope Java agent sends them. Items are the events the
   * collector turns into stacks.
   */
  public static Payload jfr(Duration duration) {
    try {
      Path file = Files.createTempFile("hotpath-bench-", ".jfr");
      try (Recording recording = new Recording()) {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.ObjectAllocationInNewTLAB");
        recording.enable("jdk.ObjectAllocationOutsideTLAB");
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO);
        recording.start();
        Workload.run(duration);
        recording.stop();
        recording.dump(file);
        byte[] bytes = Files.readAllBytes(file);
        return new Payload("Pyroscope JFR", bytes, profileEvents(file), "events");
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long profileEvents(Path file) throws IOException {
    Set<String> kept =
        Set.of(
            "jdk.ExecutionSample",
            "jdk.ObjectAllocationInNewTLAB",
            "jdk.ObjectAllocationOutsideTLAB",
            "jdk.JavaMonitorEnter",
            "jdk.ThreadPark");
    long events = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (kept.contains(event.getEventType().getName())) {
        events++;
      }
    }
    return events;
  }

  // ---------------------------------------------------------------------------------------------
  // Hotpath JSON

  /** A startup report of eight phases, as a CI job or an agent posts it. */
  public static Payload startupReport() {
    String json =
        """
        {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","service":"checkout",\
        "environment":"prod","version":"1.4.2","instance":"checkout-7d9f-abcde",\
        "timestamp":"2026-11-26T10:15:30Z","startType":"COLD",\
        "phases":[{"name":"jvm-start","durationMs":180},{"name":"class-loading","durationMs":640},\
        {"name":"config","durationMs":95},{"name":"cdi-container","durationMs":310},\
        {"name":"hibernate-bootstrap","durationMs":2300},{"name":"flyway-migrate","durationMs":420},\
        {"name":"cache-warmup","durationMs":870},{"name":"http-server","durationMs":45}],\
        "timeToReadyMs":4860,"startupMemoryMb":312.5}
        """
            .strip();
    return new Payload("startup report, JSON", json.getBytes(StandardCharsets.UTF_8), 1, "reports");
  }

  // ---------------------------------------------------------------------------------------------

  static byte[] gzip(byte[] bytes) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** OTLP JSON: the protobuf JSON mapping, with trace and span ids in hex instead of base64. */
  static byte[] otlpJson(Message message) {
    try {
      JsonNode tree =
          JSON.readTree(JsonFormat.printer().omittingInsignificantWhitespace().print(message));
      hexIds(tree);
      return JSON.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hexIds(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (Set.of("traceId", "spanId", "parentSpanId").contains(field.getKey())
            && field.getValue().isTextual()) {
          field.setValue(
              new TextNode(
                  HexFormat.of().formatHex(Base64.getDecoder().decode(field.getValue().asText()))));
        } else {
          hexIds(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(Payloads::hexIds);
    }
  }

  private static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", SERVICE))
        .addAttributes(kv("service.version", "1.4.2"))
        .addAttributes(kv("service.namespace", "shop"))
        .addAttributes(kv("deployment.environment.name", "prod"))
        .addAttributes(kv("service.instance.id", "checkout-7d9f-abcde"))
        .addAttributes(kv("host.name", "node-17"))
        .addAttributes(kv("os.type", "linux"))
        .addAttributes(kv("process.runtime.name", "OpenJDK Runtime Environment"))
        .addAttributes(kv("process.runtime.version", "17.0.15+6"))
        .addAttributes(kv("telemetry.sdk.language", "java"))
        .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(kv("telemetry.sdk.version", "1.49.0"))
        .build();
  }

  private static InstrumentationScope.Builder scope(String name) {
    return InstrumentationScope.newBuilder().setName(name).setVersion("2.15.0-alpha");
  }

  private static Sum.Builder cumulativeSum() {
    return Sum.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
  }

  private static NumberDataPoint number(
      long time, long value, String key, String attribute, String secondValue) {
    NumberDataPoint.Builder point =
        NumberDataPoint.newBuilder()
            .setTimeUnixNano(time)
            .setStartTimeUnixNano(START_NANOS)
            .setAsInt(value)
            .addAttributes(kv(key, attribute));
    if (secondValue != null) {
      point.addAttributes(
          kv(key.startsWith("jvm.memory") ? "jvm.memory.type" : secondKey(key), secondValue));
    }
    return point.build();
  }

  private static String secondKey(String key) {
    return key.startsWith("db.") ? "db.client.connection.pool.name" : "cache.name";
  }

  private static NumberDataPoint doublePoint(long time, double value) {
    return NumberDataPoint.newBuilder()
        .setTimeUnixNano(time)
        .setStartTimeUnixNano(START_NANOS)
        .setAsDouble(value)
        .build();
  }

  private static HistogramDataPoint histogramPoint(
      long time, List<Double> bounds, long[] counts, Map<String, String> attributes) {
    HistogramDataPoint.Builder point =
        HistogramDataPoint.newBuilder()
            .setTimeUnixNano(time)
            .setStartTimeUnixNano(START_NANOS)
            .addAllExplicitBounds(bounds);
    long total = 0;
    for (long c : counts) {
      point.addBucketCounts(c);
      total += c;
    }
    point.setCount(total).setSum(total * 0.042);
    new LinkedHashSet<>(attributes.keySet())
        .forEach(key -> point.addAttributes(kv(key, attributes.get(key))));
    return point.build();
  }

  /** An OTLP string attribute. */
  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** An OTLP integer attribute. */
  static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  /** The work recorded in {@link #jfr}: a few distinct hot methods, allocation and a lock. */
  static final class Workload {
    private static final Object LOCK = new Object();
    private static volatile long sink;

    private Workload() {}

    static void run(Duration duration) {
      long end = System.nanoTime() + duration.toNanos();
      Thread contender =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  synchronized (LOCK) {
                    spin(200_000);
                  }
                }
              },
              "bench-contender");
      contender.setDaemon(true);
      contender.start();
      while (System.nanoTime() < end) {
        parse();
        price();
        synchronized (LOCK) {
          spin(50_000);
        }
      }
      try {
        contender.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void parse() {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        text.append(i).append(';');
      }
      long sum = 0;
      for (String part : text.toString().split(";")) {
        sum += Long.parseLong(part);
      }
      byte[] big = new byte[64 * 1024]; // outside a TLAB now and then
      sink += sum + big.length;
    }

    private static void price() {
      double total = 0;
      for (int i = 1; i < 200_000; i++) {
        total += Math.sqrt(i) * 1.19;
      }
      sink += (long) total;
    }

    private static void spin(int iterations) {
      long x = 0;
      for (int i = 0; i < iterations; i++) {
        x = x * 31 + i;
      }
      sink += x;
    }
  }
}
