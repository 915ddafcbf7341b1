package io.hotpath.bench;

import com.google.protobuf.ByteString;
import io.hotpath.contracts.query.SqlNormalizer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bodies one simulated service instance sends, built fresh for each report with the current
 * time, as its agents would: an OTLP trace export of a few requests (some {@code GET /orders/{id}}
 * repeating one query per order line once the service's N+1 has appeared, some with a slow search
 * query), an OTLP metrics export of a JVM service (heap after GC, memory pools, cache hits and
 * misses, HTTP server duration histograms per route, all cumulative and growing), and a 10 s CPU
 * profile as Pyroscope folded text or a gzipped pprof.
 */
public final class FleetPayloads {
  /** What a report is: where it goes and how. */
  public enum Kind {
    TRACES("/v1/traces", "application/x-protobuf"),
    METRICS("/v1/metrics", "application/x-protobuf"),
    PROFILE_FOLDED("/ingest", "text/plain"),
    PROFILE_PPROF("/ingest", "application/octet-stream");

    final String path;
    final String contentType;

    Kind(String path, String contentType) {
      this.path = path;
      this.contentType = contentType;
    }
  }

  /**
   * The kinds an instance sends in turn, one a tick: traces most often (a batch every few seconds),
   * metrics and profiles less (as an OTel SDK and a Pyroscope agent export them).
   */
  static final List<Kind> ROTATION =
      List.of(
          Kind.TRACES,
          Kind.TRACES,
          Kind.METRICS,
          Kind.PROFILE_FOLDED,
          Kind.TRACES,
          Kind.TRACES,
          Kind.METRICS,
          Kind.PROFILE_PPROF,
          Kind.TRACES,
          Kind.TRACES);

  /** Requests in one trace export. */
  static final int REQUESTS = 6;

  /** Queries of one order under {@code GET /orders/{id}} once the N+1 appeared. */
  static final int N_PLUS_ONE_REPEATS = 8;

  /** Distinct stacks in one profile. */
  static final int STACKS = 150;

  static final String ENVIRONMENT = "bench";
  static final String VERSION = "1.0.0";
  static final String N_PLUS_ONE_QUERY =
      "select ol.id, ol.product_id, ol.quantity, ol.unit_price from order_line ol"
          + " where ol.order_id = ?";

  /**
   * Which N+1 a trace's {@code GET /orders/{id}} requests show, if any: each is a bottleneck of its
   * own (the analyzer names an N+1 by its parent span and its statement). The warm-up's services
   * debut {@link #WARM_UP} so that the pipeline's path for new bottlenecks, and the tracker's API
   * that the end-to-end clock asks, are compiled before the measured window; there each service
   * debuts {@link #MEASURED}, still a new bottleneck.
   */
  public enum NPlusOne {
    NONE(null, null),
    WARM_UP("select n.id, n.author, n.body from order_note n where n.order_id = ?", "order_note"),
    MEASURED(N_PLUS_ONE_QUERY, "order_line");

    final String query;
    final String table;

    NPlusOne(String query, String table) {
      this.query = query;
      this.table = table;
    }

    /** The end of the bottleneck's location: {@code <parent span> -> query:<12 hex>}. */
    String location() {
      return SqlNormalizer.location(query);
    }
  }

  static final String SLOW_QUERY =
      "select p.id, p.name, p.price from product p where lower(p.name) like ? order by p.rank";

  private FleetPayloads() {}

  /** One request to send: its path with query, content type, body, and whether it is a probe. */
  public record Report(Kind kind, String pathAndQuery, String contentType, byte[] body) {}

  public static String serviceName(int service) {
    String n = Integer.toString(service + 1);
    return n.length() >= 4 ? "svc-" + n : "svc-" + "0000".substring(n.length()) + n;
  }

  static String instanceName(int service, int instance) {
    return serviceName(service) + "-" + (instance + 1);
  }

  /** The kind instance {@code instance} sends at its tick {@code tick}. */
  public static Kind kindAt(int instance, long tick) {
    return ROTATION.get((int) ((tick + instance) % ROTATION.size()));
  }

  /**
   * @param nPlusOne the N+1 this report's {@code GET /orders/{id}} requests show (one query per
   *     order line or note), if any; only traces show one
   * @param tick how many reports the instance sent before, so counters grow
   */
  public static Report build(
      Kind kind, int service, int instance, long tick, NPlusOne nPlusOne, long nowMillis) {
    return switch (kind) {
      case TRACES ->
          new Report(
              kind,
              kind.path,
              kind.contentType,
              traces(service, instance, nPlusOne, nowMillis).toByteArray());
      case METRICS ->
          new Report(
              kind,
              kind.path,
              kind.contentType,
              metrics(service, instance, tick, nowMillis).toByteArray());
      case PROFILE_FOLDED ->
          new Report(
              kind,
              ingestPath(service, instance, nowMillis, "folded"),
              kind.contentType,
              profile(service, false));
      case PROFILE_PPROF ->
          new Report(
              kind,
              ingestPath(service, instance, nowMillis, "pprof"),
              kind.contentType,
              profile(service, true));
    };
  }

  /** Jittered variants of each profile body kept, so a send picks one instead of encoding one. */
  static final int PROFILE_VARIANTS = 8;

  /**
   * A profile body of {@code service}: its stacks depend only on {@code service % 40} and their
   * counts on the jitter, so the bodies are built once per (stacks, variant, format) and a send
   * picks a variant at random. Encoding and gzipping 150 stacks per send cost the load generator
   * most of its payload CPU, on the cores it shares with what it measures.
   */
  static byte[] profile(int service, boolean pprof) {
    int variant = ThreadLocalRandom.current().nextInt(PROFILE_VARIANTS);
    int index = ((service % DOMAINS) * PROFILE_VARIANTS + variant) * 2 + (pprof ? 1 : 0);
    byte[] body = PROFILE_BODIES.get(index);
    if (body == null) {
      List<Map.Entry<List<String>, Long>> stacks = stacks(service);
      body = pprof ? Payloads.gzip(Payloads.pprof(asMap(stacks))) : folded(stacks);
      PROFILE_BODIES.compareAndSet(index, null, body);
    }
    return body;
  }

  /**
   * Domain methods the endpoints spread over; a service's stacks repeat with {@code service % 40}.
   */
  private static final int DOMAINS = 40;

  private static final java.util.concurrent.atomic.AtomicReferenceArray<byte[]> PROFILE_BODIES =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(DOMAINS * PROFILE_VARIANTS * 2);

  /** An OTLP trace export of {@link #REQUESTS} requests of the service. */
  static ExportTraceServiceRequest traces(
      int service, int instance, NPlusOne nPlusOne, long nowMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String[] routes = {"/orders/{id}", "/orders", "/cart/{id}/items", "/catalog/search"};
    List<Span> spans = new ArrayList<>();
    long base = (nowMillis - 5_000) * 1_000_000L;
    for (int r = 0; r < REQUESTS; r++) {
      // With the N+1 on, the first request is always one that shows it.
      boolean shows = nPlusOne != NPlusOne.NONE;
      String route = shows && r == 0 ? routes[0] : routes[random.nextInt(routes.length)];
      byte[] traceId = bytes(random, 16);
      byte[] serverId = bytes(random, 8);
      long start = base + r * 700_000_000L + random.nextInt(100_000_000);
      long at = start + 2_000_000L;
      List<Span> children = new ArrayList<>();
      if (route.equals("/orders/{id}") && shows) {
        for (int q = 0; q < N_PLUS_ONE_REPEATS; q++) {
          long took = 7_000_000L + random.nextInt(3_000_000);
          children.add(query(traceId, serverId, random, nPlusOne.query, nPlusOne.table, at, took));
          at += took + 300_000L;
        }
      } else {
        long took = 3_000_000L + random.nextInt(4_000_000);
        children.add(
            query(
                traceId,
                serverId,
                random,
                "select o.id, o.status, o.total from orders o where o.id = ?",
                "orders",
                at,
                took));
        at += took + 300_000L;
      }
      if (route.equals("/catalog/search") && random.nextInt(4) == 0) {
        long took = 150_000_000L + random.nextInt(250_000_000);
        children.add(query(traceId, serverId, random, SLOW_QUERY, "product", at, took));
        at += took;
      }
      long end = at + 2_000_000L + random.nextInt(10_000_000);
      spans.add(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(serverId))
              .setName("GET " + route)
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(start)
              .setEndTimeUnixNano(end)
              .addAttributes(Payloads.kv("http.request.method", "GET"))
              .addAttributes(Payloads.kv("http.route", route))
              .addAttributes(
                  Payloads.kv("url.path", route.replace("{id}", "" + random.nextInt(100_000))))
              .addAttributes(Payloads.kv("http.response.status_code", 200))
              .addAttributes(Payloads.kv("server.address", serviceName(service) + ".svc"))
              .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET))
              .build());
      spans.addAll(children);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(service, instance))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc"))
                        .addAllSpans(spans)))
        .build();
  }

  private static Span query(
      byte[] traceId,
      byte[] parentId,
      ThreadLocalRandom random,
      String sql,
      String table,
      long start,
      long took) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(bytes(random, 8)))
        .setParentSpanId(ByteString.copyFrom(parentId))
        .setName("SELECT shop." + table)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + took)
        .addAttributes(Payloads.kv("db.system.name", "postgresql"))
        .addAttributes(Payloads.kv("db.namespace", "shop"))
        .addAttributes(Payloads.kv("db.query.text", sql))
        .addAttributes(Payloads.kv("db.operation.name", "SELECT"))
        .addAttributes(Payloads.kv("db.collection.name", table))
        .build();
  }

  /** A JVM service's metrics export; counters are cumulative since the instance started. */
  static ExportMetricsServiceRequest metrics(int service, int instance, long tick, long nowMillis) {
    long time = nowMillis * 1_000_000L;
    long started = time - (tick + 1) * 10_000_000_000L;
    List<Metric> metrics = new ArrayList<>();
    String[] pools = {"G1 Eden Space", "G1 Old Gen", "G1 Survivor Space", "Metaspace"};
    Gauge.Builder used = Gauge.newBuilder();
    Gauge.Builder afterGc = Gauge.newBuilder();
    for (int i = 0; i < pools.length; i++) {
      String type = i < 3 ? "heap" : "non_heap";
      used.addDataPoints(gauge(time, 60_000_000L + i * 9_000_000L, pools[i], type));
      // Flat after GC: a healthy service, no leak.
      afterGc.addDataPoints(gauge(time, 40_000_000L + i * 5_000_000L, pools[i], type));
    }
    metrics.add(
        Metric.newBuilder().setName("jvm.memory.used").setUnit("By").setGauge(used).build());
    metrics.add(
        Metric.newBuilder()
            .setName("jvm.memory.used_after_last_gc")
            .setUnit("By")
            .setGauge(afterGc)
            .build());
    long gets = 1_000 * (tick + 1);
    metrics.add(
        Metric.newBuilder()
            .setName("cache.gets")
            .setUnit("{get}")
            .setSum(
                Sum.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .setIsMonotonic(true)
                    .addDataPoints(cacheGets(started, time, "hit", gets * 9 / 10))
                    .addDataPoints(cacheGets(started, time, "miss", gets / 10)))
            .build());
    Histogram.Builder http =
        Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    List<Double> bounds = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0);
    String[] routes = {"/orders/{id}", "/orders", "/cart/{id}/items", "/catalog/search"};
    for (String route : routes) {
      long[] counts = {5, 20, 60, 40, 20, 8, 2, 1, 0, 0, 0};
      HistogramDataPoint.Builder point =
          HistogramDataPoint.newBuilder()
              .setStartTimeUnixNano(started)
              .setTimeUnixNano(time)
              .addAllExplicitBounds(bounds)
              .addAttributes(Payloads.kv("http.route", route))
              .addAttributes(Payloads.kv("http.request.method", "GET"))
              .addAttributes(Payloads.kv("http.response.status_code", 200));
      long count = 0;
      double sum = 0;
      for (int b = 0; b < counts.length; b++) {
        long c = counts[b] * (tick + 1);
        point.addBucketCounts(c);
        count += c;
        sum += c * (b < bounds.size() ? bounds.get(b) : 5.0) * 0.7;
      }
      http.addDataPoints(point.setCount(count).setSum(sum));
    }
    metrics.add(
        Metric.newBuilder()
            .setName("http.server.request.duration")
            .setUnit("s")
            .setHistogram(http)
            .build());
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(service, instance))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder()
                                .setName("io.opentelemetry.runtime-telemetry-java17"))
                        .addAllMetrics(metrics)))
        .build();
  }

  private static NumberDataPoint gauge(long time, long value, String pool, String type) {
    return NumberDataPoint.newBuilder()
        .setTimeUnixNano(time)
        .setAsInt(value)
        .addAttributes(Payloads.kv("jvm.memory.pool.name", pool))
        .addAttributes(Payloads.kv("jvm.memory.type", type))
        .build();
  }

  private static NumberDataPoint cacheGets(long started, long time, String result, long value) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(started)
        .setTimeUnixNano(time)
        .setAsInt(value)
        .addAttributes(Payloads.kv("result", result))
        .addAttributes(Payloads.kv("cache", "product-cache"))
        .build();
  }

  /**
   * {@link #STACKS} stacks of a web service's 10 s CPU profile, with jittered counts: a request
   * handler spine, 37 endpoints each spreading its time over 4 domain methods (each well under 5 %
   * of the samples), and two hot methods under endpoints of their own: price computation (about 13
   * % self) and JSON writing (about 7 % self). So the analyzer finds two CPU hotspots per service,
   * as a real service has a few, rather than one per stack.
   */
  static List<Map.Entry<List<String>, Long>> stacks(int service) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<String> spine =
        List.of(
            "java.lang.Thread.run",
            "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run",
            "io.vertx.core.impl.ContextInternal.dispatch",
            "org.jboss.resteasy.reactive.server.handlers.InvocationHandler.handle");
    List<Map.Entry<List<String>, Long>> stacks = new ArrayList<>(STACKS);
    for (int r = 0; r < 37; r++) {
      for (int l = 0; l < 4; l++) {
        int domain = (r * 4 + l + service) % DOMAINS;
        stacks.add(
            Map.entry(
                frames(
                    spine,
                    "com.shop.web.Resource" + r + ".handle",
                    "com.shop.domain.Service" + domain + ".op" + l),
                5L + random.nextInt(4)));
      }
    }
    stacks.add(
        Map.entry(
            frames(
                spine,
                "com.shop.web.PricingResource.quote",
                "com.shop.pricing.PriceCalculator.compute"),
            150L + random.nextInt(20)));
    stacks.add(
        Map.entry(
            frames(
                spine, "com.shop.web.ExportResource.export", "com.shop.export.JsonExporter.write"),
            85L + random.nextInt(10)));
    return stacks;
  }

  private static List<String> frames(List<String> spine, String... rest) {
    List<String> frames = new ArrayList<>(spine);
    frames.addAll(List.of(rest));
    return frames;
  }

  private static Map<List<String>, Long> asMap(List<Map.Entry<List<String>, Long>> stacks) {
    Map<List<String>, Long> map = new LinkedHashMap<>();
    stacks.forEach(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  static byte[] folded(List<Map.Entry<List<String>, Long>> stacks) {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<List<String>, Long> e : stacks) {
      body.append(String.join(";", e.getKey())).append(' ').append(e.getValue()).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String ingestPath(int service, int instance, long nowMillis, String format) {
    String name =
        serviceName(service)
            + ".cpu{env="
            + ENVIRONMENT
            + ",version="
            + VERSION
            + ",instance="
            + instanceName(service, instance)
            + "}";
    long until = nowMillis / 1000;
    return "/ingest?name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "&from="
        + (until - 10)
        + "&until="
        + until
        + "&format="
        + format
        + "&sampleRate=100&spyName=javaspy";
  }

  /** Each instance's resource, built once: it is the same in every report of the instance. */
  private static final Map<Long, Resource> RESOURCES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Resource resource(int service, int instance) {
    return RESOURCES.computeIfAbsent(
        ((long) service << 32) | instance, k -> buildResource(service, instance));
  }

  private static Resource buildResource(int service, int instance) {
    return Resource.newBuilder()
        .addAttributes(Payloads.kv("service.name", serviceName(service)))
        .addAttributes(Payloads.kv("service.version", VERSION))
        .addAttributes(Payloads.kv("service.instance.id", instanceName(service, instance)))
        .addAttributes(Payloads.kv("deployment.environment.name", ENVIRONMENT))
        .addAttributes(Payloads.kv("telemetry.sdk.language", "java"))
        .addAttributes(Payloads.kv("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(Payloads.kv("host.name", "node-" + (service % 40)))
        .build();
  }

  private static byte[] bytes(ThreadLocalRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
