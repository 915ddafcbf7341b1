package io.hotpath.bench;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Telemetry events as the collector writes them, for the analyzer's benchmarks: span batches of
 * requests with an N+1 and a run of sequential queries, CPU and lock profiles of 2,000 stacks, and
 * a JVM service's metric batch (heap after GC, caches, a connection pool, route histograms).
 */
public final class AnalyzerEvents {
  /** Server requests per span batch, and spans per request (1 server + 15 queries). */
  public static final int REQUESTS = 8;

  public static final int SPANS_PER_REQUEST = 16;
  static final List<String> ROUTES =
      List.of(
          "/orders/{id}",
          "/orders",
          "/cart",
          "/cart/items",
          "/products/{id}",
          "/products",
          "/checkout",
          "/users/{id}",
          "/search",
          "/health");

  private AnalyzerEvents() {}

  /**
   * One span batch: {@link #REQUESTS} requests, each a server span over a source query, 10 repeats
   * of one statement (an N+1) and 4 different statements one after the other.
   */
  public static SpansReceived spans(String service, Instant at, Random random) {
    List<Span> spans = new ArrayList<>(REQUESTS * SPANS_PER_REQUEST);
    long base = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    for (int r = 0; r < REQUESTS; r++) {
      String trace = hex(random, 16);
      String root = hex(random, 8);
      long start = base - 1_000_000_000L + r * 50_000_000L;
      long t = start + 1_000_000;
      t =
          query(
              spans,
              trace,
              root,
              t,
              "SELECT * FROM orders WHERE customer_id = " + random.nextInt(10_000),
              4 + random.nextInt(4));
      for (int i = 0; i < 10; i++) {
        t =
            query(
                spans,
                trace,
                root,
                t,
                "SELECT * FROM order_items WHERE order_id = " + random.nextInt(1_000_000),
                2 + random.nextInt(6));
      }
      for (String table : List.of("users", "prices", "stock", "coupons")) {
        t =
            query(
                spans,
                trace,
                root,
                t,
                "SELECT * FROM "
                    + table
                    + " WHERE id = "
                    + random.nextInt(1_000_000)
                    + " AND tenant_id = 'acme'",
                3 + random.nextInt(10));
      }
      String route = ROUTES.get(random.nextInt(ROUTES.size()));
      boolean failed = random.nextInt(50) == 0;
      spans.add(
          new Span(
              trace,
              root,
              null,
              "GET " + route,
              SpanKind.SERVER,
              start,
              t + 1_000_000,
              failed ? SpanStatus.ERROR : SpanStatus.OK,
              Map.of(
                  "http.request.method",
                  "GET",
                  "http.route",
                  route,
                  "url.path",
                  route.replace("{id}", Integer.toString(random.nextInt(1000))),
                  "http.response.status_code",
                  failed ? "500" : "200")));
    }
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        Payloads.TENANT,
        service,
        "prod",
        "1.4.2",
        "pod-1",
        at,
        spans);
  }

  private static long query(
      List<Span> spans, String trace, String parent, long start, String sql, int ms) {
    long end = start + ms * 1_000_000L;
    spans.add(
        new Span(
            trace,
            hex(new Random(start ^ sql.hashCode()), 8),
            parent,
            "SELECT shop",
            SpanKind.CLIENT,
            start,
            end,
            SpanStatus.OK,
            Map.of(
                "db.system.name", "postgresql",
                "db.namespace", "shop",
                "db.query.text", sql,
                "server.address", "db.internal")));
    return end + 200_000;
  }

  /** The 2,000 stacks of the collector's benchmarks, in one profile's form. */
  public static List<StackSample> stacks() {
    List<StackSample> stacks = new ArrayList<>();
    Payloads.stacks().forEach((frames, value) -> stacks.add(new StackSample(frames, value)));
    return stacks;
  }

  /**
   * Lock waits: the same stacks, each ending in a monitor wait, values in nanoseconds; one in four
   * waits in the same ledger method, the contended lock.
   */
  public static List<StackSample> lockStacks() {
    List<StackSample> stacks = new ArrayList<>();
    Payloads.stacks()
        .forEach(
            (frames, value) -> {
              List<String> withLock = new ArrayList<>(frames);
              if (stacks.size() % 4 == 0) {
                withLock.add("com.shop.inventory.StockLedger.reserve");
              }
              withLock.add("java.lang.Object.wait");
              stacks.add(new StackSample(withLock, value * 100_000));
            });
    return stacks;
  }

  public static ProfileCaptured profile(
      String service, Instant end, ProfileType type, List<StackSample> stacks) {
    boolean cpu = type == ProfileType.CPU;
    return new ProfileCaptured(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        Payloads.TENANT,
        service,
        "prod",
        "1.4.2",
        "pod-1",
        end,
        type,
        cpu ? "cpu" : "lock_duration",
        cpu ? "samples" : "nanoseconds",
        cpu ? 10_000_000L : 0,
        end.minus(Duration.ofSeconds(10)),
        end,
        stacks);
  }

  /**
   * A JVM service's metric batch number {@code n} (taken every 10 s): heap after GC growing 2 MB a
   * minute, three caches (one missing 30 %), a connection pool near its maximum, and a
   * running-total request duration histogram per route.
   */
  public static MetricsReceived metrics(String service, Instant at, long n) {
    List<MetricPoint> points = new ArrayList<>();
    Map<String, String> heap =
        Map.of("jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen");
    points.add(gauge("jvm.memory.used_after_last_gc", "By", heap, at, (300 + n / 3.0) * 1e6));
    points.add(gauge("jvm.memory.used", "By", heap, at, (420 + (n % 7) * 10) * 1e6));
    for (String cache : List.of("products", "prices", "sessions")) {
      double missShare = cache.equals("prices") ? 0.3 : 0.02;
      points.add(
          sum(
              "cache.gets",
              Map.of("cache", cache, "result", "hit"),
              at,
              n * 1000 * (1 - missShare)));
      points.add(
          sum("cache.gets", Map.of("cache", cache, "result", "miss"), at, n * 1000 * missShare));
    }
    Map<String, String> pool = Map.of("db.client.connection.pool.name", "shop");
    points.add(
        gauge(
            "db.client.connection.count",
            "{connection}",
            with(pool, "db.client.connection.state", "used"),
            at,
            9 + n % 2));
    points.add(
        gauge(
            "db.client.connection.count",
            "{connection}",
            with(pool, "db.client.connection.state", "idle"),
            at,
            1 - n % 2));
    points.add(gauge("db.client.connection.max", "{connection}", pool, at, 10));
    points.add(gauge("db.client.connection.pending_requests", "{request}", pool, at, n % 5));
    List<Double> bounds = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0);
    for (int r = 0; r < ROUTES.size(); r++) {
      long[] counts = new long[bounds.size() + 1];
      long total = 0;
      for (int b = 0; b < counts.length; b++) {
        counts[b] = n * Math.max(0, 40 - Math.abs(b - 4 - r % 3) * 10);
        total += counts[b];
      }
      List<Long> boxed = new ArrayList<>();
      for (long c : counts) {
        boxed.add(c);
      }
      points.add(
          new MetricPoint(
              "http.server.request.duration",
              MetricKind.HISTOGRAM,
              "s",
              Map.of(
                  "http.route", ROUTES.get(r),
                  "http.request.method", "GET",
                  "http.response.status_code", "200"),
              at,
              null,
              new Histogram(total, total * 0.08, bounds, boxed)));
    }
    return new MetricsReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        Payloads.TENANT,
        service,
        "prod",
        "1.4.2",
        "pod-1",
        at,
        points);
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> copy = new java.util.HashMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static MetricPoint gauge(
      String name, String unit, Map<String, String> attributes, Instant at, double value) {
    return new MetricPoint(name, MetricKind.GAUGE, unit, attributes, at, value, null);
  }

  private static MetricPoint sum(
      String name, Map<String, String> attributes, Instant at, double value) {
    return new MetricPoint(name, MetricKind.SUM, "{get}", attributes, at, value, null);
  }

  private static String hex(Random random, int bytes) {
    byte[] id = new byte[bytes];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
