package io.hotpath.bench;

import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.endpoint.EndpointDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointHistogramDetector;
import io.hotpath.analyzer.detect.metric.CacheMissRateDetector;
import io.hotpath.analyzer.detect.metric.DbPoolSaturationDetector;
import io.hotpath.analyzer.detect.metric.MemoryLeakDetector;
import io.hotpath.analyzer.detect.profile.CpuHotspotDetector;
import io.hotpath.analyzer.detect.profile.LockContentionDetector;
import io.hotpath.analyzer.detect.query.SlowQueryDetector;
import io.hotpath.analyzer.detect.regression.RegressionDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.SequentialQueriesDetector;
import io.hotpath.collector.ingest.otlp.EventIdSeed;
import io.hotpath.collector.ingest.otlp.MetricsConverter;
import io.hotpath.collector.ingest.otlp.TraceConverter;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the analyzer's detectors keep for a fleet, and what each record costs them: feeds {@code
 * --services} services of {@code --instances} instances the fleet's CPU profiles ({@link
 * FleetPayloads#stacks}) and OTLP metric exports ({@link FleetPayloads#metrics}, converted as the
 * collector converts them), one of each per instance every 10 s of event time for {@code --ticks}
 * ticks, and {@code --traces} of the fleet's OTLP trace exports ({@link FleetPayloads#traces}, the
 * N+1 on) per instance and tick, each event read from its JSON as the analyzer reads it (so no two
 * events share a string). Then, after full collections, the heap each detector retains (the live
 * heap with all of them minus the live heap once it is dropped), and the CPU time of this thread
 * and the heap it allocated per profile, per metric batch and per span batch. Run with a fixed heap
 * and the serial collector for steady figures: {@code java -Xmx1g -XX:+UseSerialGC -jar ...
 * footprint --services 1000}; {@code --histogram N} prints the live heap's N largest classes first;
 * {@code --budget-mb B} bounds the detectors that take a {@link StateBudget} as {@code
 * hotpath.analyzer.state-budget} does (unbounded otherwise; the estimate is printed either way).
 */
public final class AnalyzerFootprint {
  private static final Thresholds DEFAULTS = (tenant, service, key, fallback) -> fallback;

  private AnalyzerFootprint() {}

  public static void main(String[] args) throws Exception {
    int services = 1000;
    int instances = 2;
    int ticks = 36;
    int histogram = 0;
    int traces = 2;
    long budgetBytes = Long.MAX_VALUE;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--services" -> services = Integer.parseInt(args[i + 1]);
        case "--instances" -> instances = Integer.parseInt(args[i + 1]);
        case "--ticks" -> ticks = Integer.parseInt(args[i + 1]);
        case "--histogram" -> histogram = Integer.parseInt(args[i + 1]);
        case "--traces" -> traces = Integer.parseInt(args[i + 1]);
        case "--budget-mb" -> budgetBytes = Long.parseLong(args[i + 1]) * 1024 * 1024;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, List<SignalDetector<ProfileCaptured>>> profileDetectors = new LinkedHashMap<>();
    Map<String, List<SignalDetector<MetricsReceived>>> metricDetectors = new LinkedHashMap<>();
    Map<String, List<SignalDetector<SpansReceived>>> spanDetectors = new LinkedHashMap<>();
    Map<String, LongAdder> evictions = new ConcurrentHashMap<>();
    StateBudget budget =
        new StateBudget(
            budgetBytes,
            detector -> evictions.computeIfAbsent(detector, d -> new LongAdder()).increment());
    Clock clock = Clock.systemUTC();
    CpuHotspotDetector cpu =
        new CpuHotspotDetector(
            CpuHotspotDetector.DEFAULT_MAX_SERVICES,
            CpuHotspotDetector.DEFAULT_MAX_SLICES,
            budget,
            clock);
    LockContentionDetector lock =
        new LockContentionDetector(
            CpuHotspotDetector.DEFAULT_MAX_SERVICES,
            CpuHotspotDetector.DEFAULT_MAX_SLICES,
            budget,
            clock);
    MemoryLeakDetector leak =
        new MemoryLeakDetector(
            MemoryLeakDetector.DEFAULT_MAX_SERVICES,
            MemoryLeakDetector.DEFAULT_MAX_SERIES,
            MemoryLeakDetector.DEFAULT_MAX_POINTS,
            budget,
            clock);
    CacheMissRateDetector cache =
        new CacheMissRateDetector(
            CacheMissRateDetector.DEFAULT_MAX_SERVICES,
            CacheMissRateDetector.DEFAULT_MAX_SERIES,
            CacheMissRateDetector.DEFAULT_MAX_POINTS,
            budget,
            clock);
    DbPoolSaturationDetector pool = new DbPoolSaturationDetector();
    EndpointHistogramDetector histograms = new EndpointHistogramDetector(budget);
    RegressionDetector regression = new RegressionDetector(budget);
    profileDetectors.put("cpuHotspot", List.of(cpu));
    profileDetectors.put("lockContention", List.of(lock));
    profileDetectors.put("memoryLeak", List.of(leak.allocations()));
    metricDetectors.put("memoryLeak", List.of(leak));
    metricDetectors.put("cacheMissRate", List.of(cache));
    metricDetectors.put("dbPoolSaturation", List.of(pool));
    metricDetectors.put("endpointHistogram", List.of(histograms));
    profileDetectors.put("regression", List.of(regression.profiles()));
    metricDetectors.put("regression", List.of(regression.histograms()));
    spanDetectors.put("regression", List.of(regression));
    NPlusOneDetector nPlusOne = new NPlusOneDetector(budget);
    SequentialQueriesDetector sequential = new SequentialQueriesDetector(budget);
    SlowQueryDetector slowQuery = new SlowQueryDetector(budget);
    EndpointDetector endpoint = new EndpointDetector(budget);
    spanDetectors.put("nPlusOne", List.of(nPlusOne));
    spanDetectors.put("sequentialQueries", List.of(sequential));
    spanDetectors.put("slowQuery", List.of(slowQuery));
    spanDetectors.put("endpoint", List.of(endpoint));

    Meter profiles = new Meter();
    Meter metricBatches = new Meter();
    Meter spanBatches = new Meter();
    Instant start = Instant.now().minus(Duration.ofHours(2));
    for (int tick = 0; tick < ticks; tick++) {
      Instant at = start.plusSeconds(10L * tick);
      for (int service = 0; service < services; service++) {
        for (int instance = 0; instance < instances; instance++) {
          ProfileCaptured profile =
              EventJson.read(
                  EventJson.writeBytes(profile(service, instance, at)), ProfileCaptured.class);
          profiles.start();
          for (List<SignalDetector<ProfileCaptured>> ds : profileDetectors.values()) {
            ds.forEach(d -> d.observe(profile, DEFAULTS));
          }
          profiles.stop();
          for (MetricsReceived converted : metrics(service, instance, tick, at)) {
            MetricsReceived metrics =
                EventJson.read(EventJson.writeBytes(converted), MetricsReceived.class);
            metricBatches.start();
            for (List<SignalDetector<MetricsReceived>> ds : metricDetectors.values()) {
              ds.forEach(d -> d.observe(metrics, DEFAULTS));
            }
            metricBatches.stop();
          }
          for (int t = 0; t < traces; t++) {
            for (SpansReceived converted : traces(service, instance, at.plusSeconds(t))) {
              SpansReceived spans =
                  EventJson.read(EventJson.writeBytes(converted), SpansReceived.class);
              spanBatches.start();
              for (List<SignalDetector<SpansReceived>> ds : spanDetectors.values()) {
                ds.forEach(d -> d.observe(spans, DEFAULTS));
              }
              spanBatches.stop();
            }
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d services x %d instances, %d ticks: %d profiles, %d metric batches, %d span batches%n",
        services,
        instances,
        ticks,
        profiles.count,
        metricBatches.count,
        spanBatches.count);
    profiles.print("profile (all profile detectors)");
    metricBatches.print("metric batch (all metric detectors)");
    if (spanBatches.count > 0) {
      spanBatches.print("span batch (all span detectors)");
    }

    System.out.printf(
        Locale.ROOT,
        "state budget: %.1f MB (%d bytes) estimated in use; evictions %s%n",
        budget.usedBytes() / 1e6,
        budget.usedBytes(),
        evictions);
    histogram(histogram);

    // Retained heap per detector: drop one reference at a time, oldest listed first.
    Object[] held = {
      cpu,
      lock,
      leak,
      cache,
      pool,
      histograms,
      regression,
      nPlusOne,
      sequential,
      slowQuery,
      endpoint
    };
    String[] names = {
      "cpuHotspot",
      "lockContention",
      "memoryLeak",
      "cacheMissRate",
      "dbPoolSaturation",
      "endpointHistogram",
      "regression",
      "nPlusOne",
      "sequentialQueries",
      "slowQuery",
      "endpoint"
    };
    profileDetectors.clear();
    metricDetectors.clear();
    spanDetectors.clear();
    cpu = null;
    lock = null;
    leak = null;
    cache = null;
    pool = null;
    histograms = null;
    regression = null;
    nPlusOne = null;
    sequential = null;
    slowQuery = null;
    endpoint = null;
    long all = liveHeap();
    System.out.printf(Locale.ROOT, "live heap with every detector: %.1f MB%n", all / 1e6);
    long previous = all;
    for (int i = 0; i < held.length; i++) {
      held[i] = null;
      long now = liveHeap();
      System.out.printf(
          Locale.ROOT, "  %-18s retains %7.1f MB%n", names[i], (previous - now) / 1e6);
      histogram(histogram / 3);
      previous = now;
    }
    System.out.printf(Locale.ROOT, "live heap without detectors: %.1f MB%n", previous / 1e6);
  }

  /**
   * The CPU time and the heap this thread allocates over the calls between {@link #start} and
   * {@link #stop}: what the detectors cost per event, and what they give the collector to do.
   */
  private static final class Meter {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long count;
    private long nanos;
    private long bytes;
    private long startNanos;
    private long startBytes;

    void start() {
      startBytes = THREADS.getCurrentThreadAllocatedBytes();
      startNanos = THREADS.getCurrentThreadCpuTime();
    }

    void stop() {
      nanos += THREADS.getCurrentThreadCpuTime() - startNanos;
      bytes += THREADS.getCurrentThreadAllocatedBytes() - startBytes;
      count++;
    }

    void print(String per) {
      System.out.printf(
          Locale.ROOT,
          "per %s: CPU %.3f ms, allocated %.1f kB%n",
          per,
          nanos / 1e6 / count,
          bytes / 1e3 / count);
    }
  }

  static ProfileCaptured profile(int service, int instance, Instant end) {
    List<StackSample> stacks = new ArrayList<>();
    for (Map.Entry<List<String>, Long> e : FleetPayloads.stacks(service)) {
      stacks.add(new StackSample(e.getKey(), e.getValue()));
    }
    return new ProfileCaptured(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        Payloads.TENANT,
        FleetPayloads.serviceName(service),
        FleetPayloads.ENVIRONMENT,
        FleetPayloads.VERSION,
        FleetPayloads.instanceName(service, instance),
        end,
        ProfileType.CPU,
        "cpu",
        "samples",
        10_000_000L,
        end.minusSeconds(10),
        end,
        stacks);
  }

  static List<MetricsReceived> metrics(int service, int instance, long tick, Instant at) {
    var request = FleetPayloads.metrics(service, instance, tick, at.toEpochMilli());
    return MetricsConverter.convert(
            Payloads.TENANT,
            request,
            EventIdSeed.of("metrics", Payloads.TENANT, request.toByteArray()))
        .events();
  }

  /** The fleet's trace export of one instance, converted as the collector converts it. */
  static List<SpansReceived> traces(int service, int instance, Instant at) {
    var request =
        FleetPayloads.traces(service, instance, FleetPayloads.NPlusOne.MEASURED, at.toEpochMilli());
    byte[] body = request.toByteArray();
    return TraceConverter.convert(
            Payloads.TENANT, request, EventIdSeed.of("traces", Payloads.TENANT, body))
        .events();
  }

  /** Prints the live heap's {@code n} largest classes, as jcmd GC.class_histogram does. */
  static void histogram(int n) throws Exception {
    if (n <= 0) {
      return;
    }
    Process jcmd =
        new ProcessBuilder(
                "jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    try (var lines = jcmd.inputReader().lines()) {
      lines.skip(3).limit(n).forEach(System.out::println);
    }
    jcmd.destroy();
  }

  /** The heap in use after three full collections. */
  static long liveHeap() {
    java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
