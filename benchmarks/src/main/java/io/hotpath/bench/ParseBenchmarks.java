package io.hotpath.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.hotpath.collector.ingest.IngestJson;
import io.hotpath.collector.ingest.StartupReportRequest;
import io.hotpath.collector.ingest.otlp.Converted;
import io.hotpath.collector.ingest.otlp.EventIdSeed;
import io.hotpath.collector.ingest.otlp.MetricsConverter;
import io.hotpath.collector.ingest.otlp.OtlpCodec;
import io.hotpath.collector.ingest.otlp.OtlpEncoding;
import io.hotpath.collector.ingest.otlp.TraceConverter;
import io.hotpath.collector.ingest.pyroscope.PyroscopeIngest;
import io.hotpath.collector.service.GzipBodies;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * What the collector does with one request body on its CPU, minus HTTP and Kafka: decode (gunzip
 * where the body is gzipped), parse, check, normalize into contract events, and write each event as
 * the JSON the Kafka producer sends, with its key. The collector's own classes, called the way
 * {@code IngestService} and {@code EventPublisher} call them.
 *
 * <p>Each benchmark counts the body bytes and items (spans, data points, stacks, JFR events,
 * reports) it handled in {@link Counters}, which JMH reports per second next to ops/s: {@code
 * bytes} and {@code items}. {@link ParseBench} turns them into MB/s and items/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class ParseBenchmarks {
  static final String TENANT = Payloads.TENANT;

  private static final ObjectWriter REPORT_WRITER =
      EventJson.mapper().writerFor(TelemetryReport.class);

  /** Bytes and items handled, reported by JMH as rates next to ops/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counters {
    public long bytes;
    public long items;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      items = 0;
    }

    void add(Payloads.Payload payload) {
      bytes += payload.bytes().length;
      items += payload.items();
    }
  }

  @State(Scope.Benchmark)
  public static class Traces {
    public Payloads.Payload protobuf;
    public Payloads.Payload json;

    @Setup
    public void build() {
      protobuf = Payloads.tracesProtobuf();
      json = Payloads.tracesJson();
    }
  }

  @State(Scope.Benchmark)
  public static class Metrics {
    public Payloads.Payload protobuf;
    public Payloads.Payload json;

    @Setup
    public void build() {
      protobuf = Payloads.metricsProtobuf();
      json = Payloads.metricsJson();
    }
  }

  @State(Scope.Benchmark)
  public static class Profiles {
    public Payloads.Payload folded;
    public Payloads.Payload pprofGzip;

    @Setup
    public void build() {
      folded = Payloads.folded();
      pprofGzip = Payloads.pprofGzip();
    }
  }

  @State(Scope.Benchmark)
  public static class Jfr {
    public Payloads.Payload recording;

    @Setup
    public void build() {
      recording = Payloads.jfr(Duration.ofSeconds(2));
    }
  }

  @State(Scope.Benchmark)
  public static class Startup {
    public Payloads.Payload report;

    @Setup
    public void build() {
      report = Payloads.startupReport();
    }
  }

  /**
   * One report of each kind of the fleet bench's mix ({@link FleetPayloads}): the small bodies a
   * simulated service instance sends, where the cost per request matters more than per byte.
   */
  @State(Scope.Benchmark)
  public static class Fleet {
    public Payloads.Payload traces;
    public Payloads.Payload metrics;
    public Payloads.Payload folded;
    public Payloads.Payload pprof;

    @Setup
    public void build() {
      long now = System.currentTimeMillis();
      traces = fleet(FleetPayloads.Kind.TRACES, now, "exports");
      metrics = fleet(FleetPayloads.Kind.METRICS, now, "exports");
      folded = fleet(FleetPayloads.Kind.PROFILE_FOLDED, now, "profiles");
      pprof = fleet(FleetPayloads.Kind.PROFILE_PPROF, now, "profiles");
    }

    private static Payloads.Payload fleet(FleetPayloads.Kind kind, long now, String unit) {
      FleetPayloads.Report report =
          FleetPayloads.build(kind, 0, 0, 1, FleetPayloads.NPlusOne.MEASURED, now);
      return new Payloads.Payload("fleet " + kind, report.body(), 1, unit);
    }
  }

  @Benchmark
  public int fleetTraces(Fleet fleet, Counters counters) {
    counters.add(fleet.traces);
    return writtenBytes(traceEvents(fleet.traces.bytes()));
  }

  @Benchmark
  public int fleetMetrics(Fleet fleet, Counters counters) {
    counters.add(fleet.metrics);
    return writtenBytes(metricEvents(fleet.metrics.bytes()));
  }

  /** The events of an OTLP protobuf trace export, as {@code IngestService} converts it. */
  static List<SpansReceived> traceEvents(byte[] body) {
    return TraceConverter.convert(
            TENANT,
            OtlpCodec.traces(body, OtlpEncoding.PROTOBUF),
            EventIdSeed.of("traces", TENANT, body))
        .events();
  }

  /** The events of an OTLP protobuf metrics export, as {@code IngestService} converts it. */
  static List<MetricsReceived> metricEvents(byte[] body) {
    return MetricsConverter.convert(
            TENANT,
            OtlpCodec.metrics(body, OtlpEncoding.PROTOBUF),
            EventIdSeed.of("metrics", TENANT, body))
        .events();
  }

  @Benchmark
  public int fleetFolded(Fleet fleet, Counters counters) {
    counters.add(fleet.folded);
    return writtenBytes(events(fleet.folded, "folded"));
  }

  @Benchmark
  public int fleetPprof(Fleet fleet, Counters counters) {
    counters.add(fleet.pprof);
    return writtenBytes(events(fleet.pprof, "pprof"));
  }

  /**
   * The events the collector makes of one fleet report of each kind, as the JSON it sends: what the
   * analyzer reads from each record ({@code EventJson.read}, as its {@code TelemetryConsumer}).
   */
  @State(Scope.Benchmark)
  public static class FleetEvents {
    public Payloads.Payload traces;
    public Payloads.Payload metrics;
    public Payloads.Payload profile;

    @Setup
    public void build() {
      Fleet fleet = new Fleet();
      fleet.build();
      traces = event("traces", traceEvents(fleet.traces.bytes()));
      metrics = event("metrics", metricEvents(fleet.metrics.bytes()));
      profile = event("profile", events(fleet.pprof, "pprof"));
    }

    private static Payloads.Payload event(String name, List<? extends HotpathEvent> events) {
      if (events.size() != 1) {
        throw new IllegalStateException(name + ": " + events.size() + " events, expected one");
      }
      return new Payloads.Payload(
          "fleet " + name + " event", EventJson.writeBytes(events.get(0)), 1, "events");
    }
  }

  @Benchmark
  public SpansReceived readFleetTraces(FleetEvents events, Counters counters) {
    counters.add(events.traces);
    return EventJson.read(events.traces.bytes(), SpansReceived.class);
  }

  @Benchmark
  public MetricsReceived readFleetMetrics(FleetEvents events, Counters counters) {
    counters.add(events.metrics);
    return EventJson.read(events.metrics.bytes(), MetricsReceived.class);
  }

  @Benchmark
  public ProfileCaptured readFleetProfile(FleetEvents events, Counters counters) {
    counters.add(events.profile);
    return EventJson.read(events.profile.bytes(), ProfileCaptured.class);
  }

  /** The bytes of each event's key and JSON, written as {@code EventPublisher} writes them. */
  private static int writtenBytes(List<? extends HotpathEvent> events) {
    int bytes = 0;
    for (HotpathEvent event : events) {
      bytes += PartitionKeys.of(event).length() + EventJson.writeBytes(event).length;
    }
    return bytes;
  }

  @Benchmark
  public List<String> otlpTracesProtobuf(Traces traces, Counters counters) {
    return traces(traces.protobuf, OtlpEncoding.PROTOBUF, counters);
  }

  @Benchmark
  public List<String> otlpTracesJson(Traces traces, Counters counters) {
    return traces(traces.json, OtlpEncoding.JSON, counters);
  }

  @Benchmark
  public List<String> otlpMetricsProtobuf(Metrics metrics, Counters counters) {
    return metrics(metrics.protobuf, OtlpEncoding.PROTOBUF, counters);
  }

  @Benchmark
  public List<String> otlpMetricsJson(Metrics metrics, Counters counters) {
    return metrics(metrics.json, OtlpEncoding.JSON, counters);
  }

  @Benchmark
  public List<String> pyroscopeFolded(Profiles profiles, Counters counters) {
    return profile(profiles.folded, "folded", counters);
  }

  @Benchmark
  public List<String> pyroscopePprofGzip(Profiles profiles, Counters counters) {
    return profile(profiles.pprofGzip, "pprof", counters);
  }

  @Benchmark
  public List<String> pyroscopeJfr(Jfr jfr, Counters counters) {
    return profile(jfr.recording, "jfr", counters);
  }

  @Benchmark
  public List<String> startupReportJson(Startup startup, Counters counters) {
    try {
      TelemetryReport event =
          IngestJson.read(startup.report.bytes(), StartupReportRequest.class)
              .toEvent(TENANT, Instant.now(), UUID.randomUUID());
      counters.add(startup.report);
      return List.of(PartitionKeys.of(event), REPORT_WRITER.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> traces(Payloads.Payload payload, OtlpEncoding encoding, Counters counters) {
    byte[] body = payload.bytes();
    Converted<SpansReceived> converted =
        TraceConverter.convert(
            TENANT, OtlpCodec.traces(body, encoding), EventIdSeed.of("traces", TENANT, body));
    counters.add(payload);
    return written(converted.events());
  }

  static List<String> metrics(Payloads.Payload payload, OtlpEncoding encoding, Counters counters) {
    byte[] body = payload.bytes();
    Converted<MetricsReceived> converted =
        MetricsConverter.convert(
            TENANT, OtlpCodec.metrics(body, encoding), EventIdSeed.of("metrics", TENANT, body));
    counters.add(payload);
    return written(converted.events());
  }

  static List<String> profile(Payloads.Payload payload, String format, Counters counters) {
    List<ProfileCaptured> events = events(payload, format);
    counters.add(payload);
    return written(events);
  }

  private static List<ProfileCaptured> events(Payloads.Payload payload, String format) {
    return new PyroscopeIngest(
            Payloads.PROFILE_NAME,
            "1764151200",
            "1764151210",
            format,
            "100",
            "javaspy",
            null,
            null,
            format.equals("folded") ? "text/plain" : "application/octet-stream")
        .toEvents(
            TENANT,
            payload.bytes(),
            Instant.now(),
            part -> GzipBodies.looksGzipped(part) ? GzipBodies.gunzip(part, 8 << 20) : part);
  }

  /** Each event as the producer sends it: its key and its JSON. */
  private static List<String> written(List<? extends HotpathEvent> events) {
    List<String> records = new ArrayList<>(events.size() * 2);
    for (HotpathEvent event : events) {
      records.add(PartitionKeys.of(event));
      records.add(EventJson.write(event));
    }
    return records;
  }
}
