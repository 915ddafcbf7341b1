package io.hotpath.bench;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.InputCheck;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.SignalDetector;
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
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of each of the analyzer's detectors on events of realistic shape ({@link
 * AnalyzerEvents}), one event per invocation, with the detector's windows kept across invocations
 * as in the service (event times advance; after a ring of events they start over).
 *
 * <p>Each benchmark counts the items it handed the detector (spans, stacks, metric points) in
 * {@link Counters}; JMH reports {@code items} per second next to ops/s. {@code allSpanDetectors} is
 * what the analyzer does with one record of the traces topic on its CPU: read the JSON, check it
 * ({@link InputCheck}) and run every span detector through {@link BottleneckAnalyzer}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class DetectorBenchmarks {
  static final Thresholds DEFAULTS = (tenant, service, key, fallback) -> fallback;
  static final String SERVICE = Payloads.SERVICE;

  /** Items handled, reported by JMH as a rate next to ops/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counters {
    public long items;

    @Setup(Level.Iteration)
    public void reset() {
      items = 0;
    }
  }

  /** A ring of span batches a second apart, ending an hour ago (no detector skips them). */
  @State(Scope.Thread)
  public static class Traces {
    public SpansReceived[] batches;
    public String[] json;
    int next;

    @Setup(Level.Trial)
    public void build() {
      Random random = new Random(42);
      Instant start = Instant.now().minus(Duration.ofHours(1));
      batches = new SpansReceived[256];
      json = new String[batches.length];
      for (int i = 0; i < batches.length; i++) {
        batches[i] = AnalyzerEvents.spans(SERVICE, start.plusSeconds(i), random);
        json[i] = EventJson.write(batches[i]);
      }
    }

    int index() {
      int i = next;
      next = (next + 1) % batches.length;
      return i;
    }

    SpansReceived next() {
      return batches[index()];
    }
  }

  /** A ring of profiles of 2,000 stacks, 10 s apart. */
  @State(Scope.Thread)
  public static class Profiles {
    public ProfileCaptured[] cpu;
    public ProfileCaptured[] lock;
    int next;

    @Setup(Level.Trial)
    public void build() {
      List<StackSample> stacks = AnalyzerEvents.stacks();
      List<StackSample> lockStacks = AnalyzerEvents.lockStacks();
      Instant start = Instant.now().minus(Duration.ofHours(1));
      cpu = new ProfileCaptured[64];
      lock = new ProfileCaptured[cpu.length];
      for (int i = 0; i < cpu.length; i++) {
        Instant end = start.plusSeconds(10L * i);
        cpu[i] = AnalyzerEvents.profile(SERVICE, end, ProfileType.CPU, stacks);
        lock[i] = AnalyzerEvents.profile(SERVICE, end, ProfileType.LOCK, lockStacks);
      }
    }

    int index() {
      int i = next;
      next = (next + 1) % cpu.length;
      return i;
    }
  }

  /** A ring of a JVM service's metric batches, 10 s apart. */
  @State(Scope.Thread)
  public static class Metrics {
    public MetricsReceived[] batches;
    int next;

    @Setup(Level.Trial)
    public void build() {
      Instant start = Instant.now().minus(Duration.ofHours(2));
      batches = new MetricsReceived[720];
      for (int i = 0; i < batches.length; i++) {
        batches[i] = AnalyzerEvents.metrics(SERVICE, start.plusSeconds(10L * i), i + 1);
      }
    }

    MetricsReceived next() {
      MetricsReceived batch = batches[next];
      next = (next + 1) % batches.length;
      return batch;
    }
  }

  /** Every detector, fresh per trial (their windows fill during warm-up). */
  @State(Scope.Thread)
  public static class Detectors {
    public NPlusOneDetector nPlusOne;
    public SequentialQueriesDetector sequential;
    public SlowQueryDetector slowQuery;
    public EndpointDetector endpoint;
    public EndpointHistogramDetector endpointHistogram;
    public CpuHotspotDetector cpuHotspot;
    public LockContentionDetector lock;
    public MemoryLeakDetector memoryLeak;
    public CacheMissRateDetector cache;
    public DbPoolSaturationDetector dbPool;
    public RegressionDetector regression;
    public BottleneckAnalyzer spanAnalyzer;
    public InputCheck inputCheck;

    @Setup(Level.Trial)
    public void build() {
      nPlusOne = new NPlusOneDetector();
      sequential = new SequentialQueriesDetector();
      slowQuery = new SlowQueryDetector();
      endpoint = new EndpointDetector();
      endpointHistogram = new EndpointHistogramDetector();
      cpuHotspot = new CpuHotspotDetector();
      lock = new LockContentionDetector();
      memoryLeak = new MemoryLeakDetector();
      cache = new CacheMissRateDetector();
      dbPool = new DbPoolSaturationDetector();
      regression = new RegressionDetector();
      List<SignalDetector<?>> spanDetectors =
          List.of(
              new NPlusOneDetector(),
              new SequentialQueriesDetector(),
              new SlowQueryDetector(),
              new EndpointDetector(),
              new RegressionDetector());
      spanAnalyzer =
          new BottleneckAnalyzer(
              List.of(), spanDetectors, DEFAULTS, new Sightings(100_000), (d, e, f) -> {});
      inputCheck = new InputCheck(Duration.ofHours(24));
    }
  }

  private static List<Finding> spans(
      SignalDetector<SpansReceived> detector, Traces traces, Counters counters) {
    SpansReceived batch = traces.next();
    counters.items += batch.spans().size();
    return detector.observe(batch, DEFAULTS);
  }

  private static List<Finding> metrics(
      SignalDetector<MetricsReceived> detector, Metrics metrics, Counters counters) {
    MetricsReceived batch = metrics.next();
    counters.items += batch.points().size();
    return detector.observe(batch, DEFAULTS);
  }

  @Benchmark
  public List<Finding> nPlusOne(Detectors d, Traces traces, Counters counters) {
    return spans(d.nPlusOne, traces, counters);
  }

  @Benchmark
  public List<Finding> sequentialQueries(Detectors d, Traces traces, Counters counters) {
    return spans(d.sequential, traces, counters);
  }

  @Benchmark
  public List<Finding> slowQuery(Detectors d, Traces traces, Counters counters) {
    return spans(d.slowQuery, traces, counters);
  }

  @Benchmark
  public List<Finding> endpoint(Detectors d, Traces traces, Counters counters) {
    return spans(d.endpoint, traces, counters);
  }

  @Benchmark
  public List<Finding> regression(Detectors d, Traces traces, Counters counters) {
    return spans(d.regression, traces, counters);
  }

  @Benchmark
  public List<Finding> cpuHotspot(Detectors d, Profiles profiles, Counters counters) {
    ProfileCaptured profile = profiles.cpu[profiles.index()];
    counters.items += profile.stacks().size();
    return d.cpuHotspot.observe(profile, DEFAULTS);
  }

  @Benchmark
  public List<Finding> lockContention(Detectors d, Profiles profiles, Counters counters) {
    ProfileCaptured profile = profiles.lock[profiles.index()];
    counters.items += profile.stacks().size();
    return d.lock.observe(profile, DEFAULTS);
  }

  @Benchmark
  public List<Finding> memoryLeak(Detectors d, Metrics metrics, Counters counters) {
    return metrics(d.memoryLeak, metrics, counters);
  }

  @Benchmark
  public List<Finding> cacheMissRate(Detectors d, Metrics metrics, Counters counters) {
    return metrics(d.cache, metrics, counters);
  }

  @Benchmark
  public List<Finding> dbPoolSaturation(Detectors d, Metrics metrics, Counters counters) {
    return metrics(d.dbPool, metrics, counters);
  }

  @Benchmark
  public List<Finding> endpointHistogram(Detectors d, Metrics metrics, Counters counters) {
    return metrics(d.endpointHistogram, metrics, counters);
  }

  /** One traces-topic record on the analyzer's CPU: JSON, input check, every span detector. */
  @Benchmark
  public List<BottleneckDetected> allSpanDetectors(Detectors d, Traces traces, Counters counters) {
    SpansReceived batch = EventJson.read(traces.json[traces.index()], SpansReceived.class);
    counters.items += batch.spans().size();
    return d.spanAnalyzer.analyze(d.inputCheck.check(batch).event());
  }
}
