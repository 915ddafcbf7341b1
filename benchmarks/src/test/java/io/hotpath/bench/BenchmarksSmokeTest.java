package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotpath.collector.ingest.otlp.OtlpEncoding;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves every benchmark runs: each state's setup and one invocation, untimed. The figures come
 * from running the benchmarks jar, never from a test.
 */
class BenchmarksSmokeTest {
  private final ParseBenchmarks benchmarks = new ParseBenchmarks();

  @Test
  void everyFormatBecomesEventsAndCountsWhatItRead() {
    ParseBenchmarks.Counters counters = new ParseBenchmarks.Counters();
    ParseBenchmarks.Traces traces = new ParseBenchmarks.Traces();
    traces.build();
    ParseBenchmarks.Metrics metrics = new ParseBenchmarks.Metrics();
    metrics.build();
    ParseBenchmarks.Profiles profiles = new ParseBenchmarks.Profiles();
    profiles.build();
    ParseBenchmarks.Startup startup = new ParseBenchmarks.Startup();
    startup.build();

    List<List<String>> written =
        List.of(
            benchmarks.otlpTracesProtobuf(traces, counters),
            benchmarks.otlpTracesJson(traces, counters),
            benchmarks.otlpMetricsProtobuf(metrics, counters),
            benchmarks.otlpMetricsJson(metrics, counters),
            benchmarks.pyroscopeFolded(profiles, counters),
            benchmarks.pyroscopePprofGzip(profiles, counters),
            benchmarks.startupReportJson(startup, counters));

    // One event (key and JSON) per body; all 512 spans and 2,000 stacks kept.
    assertThat(written).allSatisfy(records -> assertThat(records).hasSize(2));
    assertThat(written.get(0).get(0)).isEqualTo("bench/checkout");
    assertThat(written.get(0).get(1).split("\"spanId\"", -1)).hasSize(Payloads.SPANS + 1);
    // The same spans from JSON as from protobuf; only the body-derived event id differs.
    assertThat(withoutEventId(written.get(1).get(1)))
        .isEqualTo(withoutEventId(written.get(0).get(1)));
    assertThat(written.get(4).get(1).split("\"frames\"", -1)).hasSize(Payloads.STACKS + 1);
    assertThat(written.get(5).get(1).split("\"frames\"", -1)).hasSize(Payloads.STACKS + 1);
    assertThat(counters.items)
        .isEqualTo(2L * Payloads.SPANS + 2 * metrics.protobuf.items() + 2L * Payloads.STACKS + 1);
    assertThat(counters.bytes).isPositive();
  }

  @Test
  void eachFleetReportBecomesEventsAndCountsOneReport() {
    ParseBenchmarks.Counters counters = new ParseBenchmarks.Counters();
    ParseBenchmarks.Fleet fleet = new ParseBenchmarks.Fleet();
    fleet.build();

    List<Integer> written =
        List.of(
            benchmarks.fleetTraces(fleet, counters),
            benchmarks.fleetMetrics(fleet, counters),
            benchmarks.fleetFolded(fleet, counters),
            benchmarks.fleetPprof(fleet, counters));

    // Every report makes an event; a folded profile's event is at least as big as its stacks.
    assertThat(written).allSatisfy(bytes -> assertThat(bytes).isPositive());
    assertThat(written.get(2)).isGreaterThan(fleet.folded.bytes().length);
    assertThat(counters.items).isEqualTo(4);
    assertThat(counters.bytes)
        .isEqualTo(
            fleet.traces.bytes().length
                + fleet.metrics.bytes().length
                + fleet.folded.bytes().length
                + fleet.pprof.bytes().length);
  }

  @Test
  void eachFleetEventReadsBackAsTheCollectorWroteIt() {
    ParseBenchmarks.Counters counters = new ParseBenchmarks.Counters();
    ParseBenchmarks.FleetEvents events = new ParseBenchmarks.FleetEvents();
    events.build();

    // Written again, each event read is the same JSON (attribute maps in any order): the read
    // loses or changes nothing.
    assertThat(json(EventJson.writeBytes(benchmarks.readFleetTraces(events, counters))))
        .isEqualTo(json(events.traces.bytes()));
    assertThat(json(EventJson.writeBytes(benchmarks.readFleetMetrics(events, counters))))
        .isEqualTo(json(events.metrics.bytes()));
    ProfileCaptured profile = benchmarks.readFleetProfile(events, counters);
    assertThat(json(EventJson.writeBytes(profile))).isEqualTo(json(events.profile.bytes()));
    assertThat(profile.stacks()).hasSize(150);
    assertThat(counters.items).isEqualTo(3);
    assertThat(counters.bytes)
        .isEqualTo(
            events.traces.bytes().length
                + events.metrics.bytes().length
                + events.profile.bytes().length);
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return EventJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void ingestTakesTheFleetKinds() {
    IngestPathBench.Options options =
        IngestPathBench.Options.parse("--kinds", "fleet-traces,fleet-pprof");

    assertThat(options.kinds()).containsExactly("fleet-traces", "fleet-pprof");
    assertThat(IngestPathBench.kind("fleet-traces").pathAndQuery()).isEqualTo("/v1/traces");
    assertThat(IngestPathBench.kind("fleet-pprof").pathAndQuery())
        .startsWith("/ingest?")
        .contains("format=pprof");
  }

  private static String withoutEventId(String json) {
    return json.substring(json.indexOf("\"schemaVersion\""));
  }

  @Test
  void aJfrRecordingMadeInSetupBecomesProfiles() {
    Payloads.Payload recording = Payloads.jfr(Duration.ofMillis(600));
    ParseBenchmarks.Counters counters = new ParseBenchmarks.Counters();

    List<String> written = ParseBenchmarks.profile(recording, "jfr", counters);

    assertThat(written).hasSizeGreaterThanOrEqualTo(2);
    // Which kinds a short recording holds depends on the machine's load; allocations always come.
    assertThat(String.join("\n", written)).contains("\"profileType\":\"ALLOCATION\"");
    assertThat(counters.items).isEqualTo(recording.items()).isPositive();
  }

  @Test
  void profileUploadsFitTheCollectorsBodyLimit() {
    assertThat(Payloads.folded().bytes().length).isLessThan(1 << 20);
    assertThat(Payloads.tracesProtobuf().bytes().length).isLessThan(1 << 20);
    assertThat(
            ParseBenchmarks.traces(
                Payloads.tracesProtobuf(), OtlpEncoding.PROTOBUF, new ParseBenchmarks.Counters()))
        .hasSize(2);
  }

  @Test
  void ingestOptionsAndTableRead() {
    IngestPathBench.Options options =
        IngestPathBench.Options.parse(
            "--duration", "3", "--concurrency", "2", "--kinds", "startup");
    assertThat(options.concurrency()).isEqualTo(2);
    assertThat(options.kinds()).containsExactly("startup");
    IngestPathBench.Side side = new IngestPathBench.Side(100, 0, 50, 1.5, 2, 9, 12, 1, 1, null);
    String table =
        IngestPathBench.markdown(
            List.of(
                new IngestPathBench.Comparison(
                    "startup", "startup report", 600, side, side, 1, 4)));
    assertThat(table).contains("| startup report | 600 B | 50.0 | 50.0 |").contains("100 %");
  }
}
