package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.contracts.query.SqlNormalizer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fleet bench's options, bodies and arithmetic, without starting anything. */
class FleetBenchTest {
  /** The analyzer's options unless given: the services' own, then more heap and G1. */
  private static final List<String> ANALYZER_DEFAULTS =
      List.of(
          "-Xmx256m",
          "-Xms64m",
          "-XX:+UseSerialGC",
          "-Xmx384m",
          "-XX:-UseSerialGC",
          "-XX:+UseG1GC");

  @Test
  void theAnalyzerGetsMoreHeapAndThePlannerOnlyC1UnlessTheServiceOptionsWereGiven() {
    FleetOptions defaults = FleetOptions.parse();
    assertThat(FleetBench.jvmOf(defaults, "analyzer"))
        .containsExactly(ANALYZER_DEFAULTS.toArray(String[]::new));
    assertThat(FleetBench.jvmOf(defaults, "planner"))
        .containsExactly("-Xmx256m", "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    assertThat(FleetBench.jvmOf(defaults, "tracker"))
        .containsExactly("-Xmx256m", "-Xms64m", "-XX:+UseSerialGC");

    FleetOptions given = FleetOptions.parse("--service-jvm", "-Xmx1g -XX:+UseG1GC");
    assertThat(FleetBench.jvmOf(given, "analyzer")).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    assertThat(FleetBench.jvmOf(given, "planner")).containsExactly("-Xmx1g", "-XX:+UseG1GC");
  }

  @Test
  void aServiceOwnOptionsComeAfterTheSharedOnesSoItsHeapCapWins() {
    FleetOptions options =
        FleetOptions.parse(
            "--service-jvm-of",
            "collector=-Xmx96m",
            "--service-jvm-of",
            "collector=-Xms32m",
            "--service-jvm-of",
            "analyzer=-Xmx1g");
    assertThat(FleetBench.jvmOf(options, "collector"))
        .containsExactly("-Xmx256m", "-Xms64m", "-XX:+UseSerialGC", "-Xmx96m", "-Xms32m");
    assertThat(FleetBench.jvmOf(options, "analyzer"))
        .containsExactlyElementsOf(
            Stream.concat(ANALYZER_DEFAULTS.stream(), Stream.of("-Xmx1g")).toList());
    assertThat(FleetBench.jvmOf(options, "tracker"))
        .containsExactly("-Xmx256m", "-Xms64m", "-XX:+UseSerialGC");
    assertThat(FleetReport.ownJvm(options))
        .isEqualTo(
            "; the collector adds `-Xmx96m -Xms32m`; the analyzer adds"
                + " `-Xmx384m -XX:-UseSerialGC -XX:+UseG1GC -Xmx1g`;"
                + " the planner adds `-XX:TieredStopAtLevel=1`");

    assertThatThrownBy(() -> FleetOptions.parse("--service-jvm-of", "gateway=-Xmx1g"))
        .hasMessageContaining("--service-jvm-of needs SERVICE=OPTS with SERVICE one of");
    assertThatThrownBy(() -> FleetOptions.parse("--service-jvm-of", "collector="))
        .hasMessageContaining("got collector=");
  }

  @Test
  void defaultPresetOffersTheTargetLoad() {
    FleetOptions options = FleetOptions.parse();
    assertThat(options.preset()).isEqualTo("default");
    assertThat(options.services()).isEqualTo(1_000);
    assertThat(options.reportsPerSecond()).isEqualTo(1_000.0);
  }

  @Test
  void optionsOverrideThePresetWhereverTheyStand() {
    FleetOptions options =
        FleetOptions.parse("--services", "10", "--preset", "smoke", "--interval", "500ms", "--jfr");
    assertThat(options.preset()).isEqualTo("smoke");
    assertThat(options.services()).isEqualTo(10);
    assertThat(options.interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.reportsPerSecond()).isEqualTo(10 * 2 * 2.0);
    assertThat(options.jfr()).isTrue();
    assertThat(FleetOptions.parse("--duration", "2m").duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(FleetOptions.parse("--duration", "90").duration()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertThatThrownBy(() -> FleetOptions.parse("--services", "0"))
        .hasMessageContaining("--services needs a positive number, got 0");
    assertThatThrownBy(() -> FleetOptions.parse("--interval", "soon"))
        .hasMessageContaining("--interval needs a duration");
    assertThatThrownBy(() -> FleetOptions.parse("--preset", "huge"))
        .hasMessageContaining("unknown preset huge");
    assertThatThrownBy(() -> FleetOptions.parse("--start", "later"))
        .hasMessageContaining("--start needs one-at-a-time, together or both");
    assertThatThrownBy(() -> FleetOptions.parse("--frobnicate"))
        .hasMessageContaining("unknown option --frobnicate");
  }

  @Test
  void aTraceWithTheNPlusOneRepeatsOneQueryUnderOneOrdersRequest() throws Exception {
    FleetPayloads.Report report =
        FleetPayloads.build(
            FleetPayloads.Kind.TRACES,
            6,
            1,
            3,
            FleetPayloads.NPlusOne.MEASURED,
            System.currentTimeMillis());

    ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(report.body());
    assertThat(report.pathAndQuery()).isEqualTo("/v1/traces");
    assertThat(export.getResourceSpans(0).getResource().getAttributesList())
        .anySatisfy(
            kv -> {
              assertThat(kv.getKey()).isEqualTo("service.name");
              assertThat(kv.getValue().getStringValue()).isEqualTo("svc-0007");
            });
    List<Span> spans = export.getResourceSpans(0).getScopeSpans(0).getSpansList();
    Map<Object, Long> repeats =
        spans.stream()
            .filter(s -> s.getName().equals("SELECT shop.order_line"))
            .collect(Collectors.groupingBy(Span::getParentSpanId, Collectors.counting()));
    assertThat(repeats.values()).contains((long) FleetPayloads.N_PLUS_ONE_REPEATS);
  }

  @Test
  void theWarmUpsNPlusOneIsABottleneckOfItsOwnThatTheWindowsClockIgnores() throws Exception {
    ExportTraceServiceRequest export =
        ExportTraceServiceRequest.parseFrom(
            FleetPayloads.build(
                    FleetPayloads.Kind.TRACES, 6, 1, 3, FleetPayloads.NPlusOne.WARM_UP, 0)
                .body());
    List<Span> notes =
        export.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
            .filter(s -> s.getName().equals("SELECT shop.order_note"))
            .toList();
    assertThat(notes.stream().collect(Collectors.groupingBy(Span::getParentSpanId)).values())
        .isNotEmpty()
        .allSatisfy(perOrder -> assertThat(perOrder).hasSize(FleetPayloads.N_PLUS_ONE_REPEATS));
    String sql =
        notes.get(0).getAttributesList().stream()
            .filter(kv -> kv.getKey().equals("db.query.text"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .getStringValue();
    assertThat(SqlNormalizer.location(sql)).isEqualTo(FleetPayloads.NPlusOne.WARM_UP.location());

    String warmUp = FleetPayloads.NPlusOne.WARM_UP.location();
    String measured = FleetPayloads.NPlusOne.MEASURED.location();
    assertThat(warmUp).isNotEqualTo(measured);
    ObjectMapper json = new ObjectMapper();
    var item = json.readTree("{\"location\":\"get /orders/{id} -> " + warmUp + "\"}");
    assertThat(FleetEndToEnd.isOf(item, warmUp)).isTrue();
    assertThat(FleetEndToEnd.isOf(item, measured)).isFalse();
  }

  @Test
  void aTraceWithoutTheNPlusOneLoadsEachOrderInOneQuery() throws Exception {
    for (int i = 0; i < 20; i++) {
      ExportTraceServiceRequest export =
          ExportTraceServiceRequest.parseFrom(
              FleetPayloads.build(
                      FleetPayloads.Kind.TRACES, 0, 0, i, FleetPayloads.NPlusOne.NONE, 0)
                  .body());
      assertThat(export.getResourceSpans(0).getScopeSpans(0).getSpansList())
          .noneMatch(s -> s.getName().equals("SELECT shop.order_line"));
    }
  }

  @Test
  void metricsCarryHeapAfterGcCacheGetsAndRouteHistograms() throws Exception {
    ExportMetricsServiceRequest export =
        ExportMetricsServiceRequest.parseFrom(
            FleetPayloads.build(
                    FleetPayloads.Kind.METRICS,
                    0,
                    0,
                    5,
                    FleetPayloads.NPlusOne.NONE,
                    1_764_151_200_000L)
                .body());
    assertThat(
            export.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .map(m -> m.getName()))
        .contains(
            "jvm.memory.used_after_last_gc",
            "jvm.memory.used",
            "cache.gets",
            "http.server.request.duration");
  }

  @Test
  void profilesGoToPyroscopeIngestAsFoldedAndPprof() {
    FleetPayloads.Report folded =
        FleetPayloads.build(
            FleetPayloads.Kind.PROFILE_FOLDED,
            2,
            0,
            0,
            FleetPayloads.NPlusOne.NONE,
            1_764_151_200_000L);
    assertThat(folded.pathAndQuery())
        .startsWith("/ingest?name=svc-0003.cpu%7Benv%3Dbench")
        .contains("&from=1764151190&until=1764151200&format=folded");
    assertThat(new String(folded.body(), StandardCharsets.UTF_8).lines())
        .hasSize(FleetPayloads.STACKS)
        .allMatch(line -> line.matches(".+;.+ \\d+"));
    FleetPayloads.Report pprof =
        FleetPayloads.build(
            FleetPayloads.Kind.PROFILE_PPROF,
            2,
            0,
            0,
            FleetPayloads.NPlusOne.NONE,
            1_764_151_200_000L);
    assertThat(pprof.pathAndQuery()).contains("format=pprof");
    assertThat(pprof.body()[0] & 0xff).isEqualTo(0x1f); // gzip
  }

  @Test
  void profileBodiesAreReusedVariantsWithJitteredCountsOfTheServicesOwnStacks() {
    java.util.Set<String> variants = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      variants.add(new String(FleetPayloads.profile(2, false), StandardCharsets.UTF_8));
    }
    // Jittered: more than one body; reused: never more than the variants kept.
    assertThat(variants).hasSizeBetween(2, FleetPayloads.PROFILE_VARIANTS);
    String body = variants.iterator().next();
    assertThat(body).contains("com.shop.pricing.PriceCalculator.compute");
    // Service 2's endpoints spread over domain methods offset by 2, service 3's by 3.
    assertThat(body).contains("com.shop.web.Resource0.handle;com.shop.domain.Service2.op0 ");
    assertThat(new String(FleetPayloads.profile(3, false), StandardCharsets.UTF_8))
        .contains("com.shop.web.Resource0.handle;com.shop.domain.Service3.op0 ");
    assertThat(new String(FleetPayloads.profile(42, false), StandardCharsets.UTF_8))
        .contains("com.shop.web.Resource0.handle;com.shop.domain.Service2.op0 ");
  }

  @Test
  void everyInstanceSendsEveryKindInTurn() {
    assertThat(
            java.util.stream.LongStream.range(0, 10)
                .mapToObj(tick -> FleetPayloads.kindAt(3, tick))
                .distinct())
        .containsExactlyInAnyOrder(FleetPayloads.Kind.values());
  }

  @Test
  void lagTrendIsTheLeastSquaresSlope() {
    List<FleetLag.Sample> growing =
        List.of(
            new FleetLag.Sample(10, Map.of("g t", 100L)),
            new FleetLag.Sample(11, Map.of("g t", 110L)),
            new FleetLag.Sample(12, Map.of("g t", 120L)));
    assertThat(FleetBench.slope(growing)).isEqualTo(10.0);
    List<FleetLag.Sample> flat =
        List.of(
            new FleetLag.Sample(1, Map.of("g t", 5L)), new FleetLag.Sample(2, Map.of("g t", 5L)));
    assertThat(FleetBench.slope(flat)).isZero();
  }

  @Test
  void writtenPerSecondIsEachTopicsEndOffsetsOverTheWindow() {
    List<FleetLag.Sample> window =
        List.of(
            new FleetLag.Sample(10, Map.of(), Map.of("a", 100L)),
            new FleetLag.Sample(11, Map.of(), Map.of("a", 150L, "b", 7L)),
            new FleetLag.Sample(14, Map.of(), Map.of("a", 500L, "b", 40L)));

    // "b" appeared after the window's first sample: counted from 0.
    assertThat(FleetBench.writtenPerSecond(window))
        .containsEntry("a", 100.0)
        .containsEntry("b", 10.0);
    assertThat(FleetBench.writtenPerSecond(window.subList(0, 1))).isEmpty();
  }

  @Test
  void databaseRatesAreTheCountersMovesOverTheWindowLeavingOutThoseThatDidNotMove() {
    FleetDatabase.Snapshot before =
        new FleetDatabase.Snapshot(10, Map.of("transactions", 100L, "bottleneck.n_tup_ins", 5L));
    FleetDatabase.Snapshot after =
        new FleetDatabase.Snapshot(
            20,
            Map.of(
                "transactions", 600L, "bottleneck.n_tup_ins", 5L, "status_history.n_tup_ins", 30L));

    assertThat(FleetDatabase.rates(before, after))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("transactions", 50.0, "status_history.n_tup_ins", 3.0));
  }
}
