package io.hotpath.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.collector.agents.AgentProcess;
import io.hotpath.collector.agents.CpuBurner;
import io.hotpath.collector.agents.SampleShop;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real agents teams run, unmodified, pointed at the collector by configuration alone: the
 * OpenTelemetry Java agent instrumenting an HTTP + JDBC program, and the Pyroscope Java agent
 * profiling a CPU-bound one. What they send arrives on the topics with what detectors need.
 */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class RealAgentIngestTest {
  static final String N_PLUS_ONE_QUERY = "select sku from order_items where order_id = ?";
  static final Duration AGENT_DEADLINE = Duration.ofSeconds(90);

  @TestHTTPResource("/")
  URL root;

  String endpoint() {
    return root.toString().replaceAll("/$", "");
  }

  AgentProcess startShopUnderOtelAgent(String service) throws Exception {
    return AgentProcess.start(
        "otel-" + service,
        SampleShop.class,
        List.of(
            "-javaagent:" + AgentProcess.agent("opentelemetry-javaagent.jar"),
            "-Dotel.service.name=" + service,
            "-Dotel.resource.attributes="
                + "service.version=3.1.4,deployment.environment.name=agent-test",
            "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.exporter.otlp.endpoint=" + endpoint(),
            "-Dotel.exporter.otlp.headers=Authorization=Bearer " + OtlpIngestTest.TOKEN,
            "-Dotel.logs.exporter=none",
            "-Dotel.metric.export.interval=1000",
            "-Dotel.bsp.schedule.delay=200",
            // The stable database semantic conventions (db.client.connection.*).
            "-Dotel.semconv-stability.opt-in=database"),
        Map.of(),
        List.of("HikariCP.jar", "h2.jar", "slf4j-api.jar"),
        String.valueOf(AGENT_DEADLINE.toSeconds()));
  }

  @Test
  void otelAgentSpansArriveWithTheirDbStatementsUnderTheServerSpan() throws Exception {
    String service = OtlpIngestTest.uniqueService();
    try (AgentProcess shop = startShopUnderOtelAgent(service)) {
      List<SpansReceived> events =
          await("a traced GET /orders with its queries; agent output:\n" + shop.output())
              .atMost(AGENT_DEADLINE)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> spans(service), received -> serverSpanWithItsQueries(received).isPresent());

      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.tenant()).isEqualTo("demo");
                assertThat(e.version()).isEqualTo("3.1.4");
                assertThat(e.environment()).isEqualTo("agent-test");
                // The agent's service.instance.id.
                assertThat(e.instance()).isNotBlank();
              });
      Span server = serverSpanWithItsQueries(events).orElseThrow();
      assertThat(server.attributes())
          .containsEntry("http.route", "/orders")
          .containsEntry("http.request.method", "GET")
          .containsEntry("http.response.status_code", "200");
      List<Span> queries = childQueries(events, server);
      // The handler's N+1: one query for the orders, then one per order, all under the request.
      assertThat(queries)
          .filteredOn(s -> N_PLUS_ONE_QUERY.equals(s.attributes().get("db.query.text")))
          .hasSize(6)
          .allSatisfy(
              s -> {
                assertThat(s.kind()).isEqualTo(SpanKind.CLIENT);
                assertThat(s.traceId()).isEqualTo(server.traceId());
                assertThat(s.attributes())
                    .containsEntry("db.system.name", "h2database")
                    .containsEntry("db.namespace", "shop");
                assertThat(s.durationNanos()).isPositive();
              });
      assertThat(queries)
          .extracting(s -> s.attributes().get("db.query.text"))
          .contains("select id from orders");
    }
  }

  @Test
  void otelAgentRuntimeHttpAndPoolMetricsArriveWithTheirAttributes() throws Exception {
    String service = OtlpIngestTest.uniqueService();
    List<String> wanted =
        List.of(
            "jvm.memory.used",
            "jvm.memory.used_after_last_gc",
            "http.server.request.duration",
            "db.client.connection.count",
            "db.client.connection.max",
            "db.client.connection.pending_requests");
    try (AgentProcess shop = startShopUnderOtelAgent(service)) {
      Map<String, List<MetricPoint>> byName =
          await("JVM, HTTP and pool metrics; agent output:\n" + shop.output())
              .atMost(AGENT_DEADLINE)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      metrics(service).stream()
                          .flatMap(e -> e.points().stream())
                          .collect(Collectors.groupingBy(MetricPoint::name)),
                  points -> points.keySet().containsAll(wanted));

      assertThat(byName.get("jvm.memory.used"))
          .anySatisfy(
              p -> {
                assertThat(p.attributes()).containsEntry("jvm.memory.type", "heap");
                assertThat(p.attributes().get("jvm.memory.pool.name")).isNotBlank();
                assertThat(p.value()).isPositive();
              });
      assertThat(byName.get("jvm.memory.used_after_last_gc"))
          .allSatisfy(p -> assertThat(p.attributes()).containsKey("jvm.memory.pool.name"));
      assertThat(byName.get("http.server.request.duration"))
          .anySatisfy(
              p -> {
                assertThat(p.kind()).isEqualTo(MetricKind.HISTOGRAM);
                assertThat(p.unit()).isEqualTo("s");
                assertThat(p.attributes()).containsEntry("http.route", "/orders");
                assertThat(p.histogram().count()).isPositive();
                assertThat(p.histogram().counts().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(p.histogram().count());
              });
      assertThat(byName.get("db.client.connection.count"))
          .extracting(p -> p.attributes().get("db.client.connection.state"))
          .contains("idle", "used");
      assertThat(byName.get("db.client.connection.count"))
          .allSatisfy(
              p ->
                  assertThat(p.attributes())
                      .containsEntry("db.client.connection.pool.name", "shop-pool"));
      assertThat(byName.get("db.client.connection.max"))
          .allSatisfy(p -> assertThat(p.value()).isEqualTo(4.0));
    }
  }

  @Test
  void pyroscopeAgentCpuProfileNamesTheHotMethod() throws Exception {
    String service = OtlpIngestTest.uniqueService();
    try (AgentProcess burner =
        AgentProcess.start(
            "pyroscope-" + service,
            CpuBurner.class,
            List.of(
                "-javaagent:" + AgentProcess.agent("pyroscope-agent.jar"),
                // A frame of its own for the hot method, whatever the JIT would inline.
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,io/hotpath/collector/agents/CpuBurner.burnCpu"),
            Map.of(
                "PYROSCOPE_APPLICATION_NAME",
                service,
                "PYROSCOPE_LABELS",
                "env=agent-test,version=5.0.0",
                "PYROSCOPE_SERVER_ADDRESS",
                endpoint(),
                // What the agent sends as Basic auth: the token is the password.
                "PYROSCOPE_BASIC_AUTH_USER",
                "pyroscope",
                "PYROSCOPE_BASIC_AUTH_PASSWORD",
                OtlpIngestTest.TOKEN,
                "PYROSCOPE_UPLOAD_INTERVAL",
                "2s"),
            List.of(),
            String.valueOf(AGENT_DEADLINE.toSeconds()))) {
      List<ProfileCaptured> profiles =
          await("a CPU profile from the Pyroscope agent; agent output:\n" + burner.output())
              .atMost(AGENT_DEADLINE)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> profiles(service),
                  received -> received.stream().anyMatch(p -> samples(p) >= 50));

      ProfileCaptured profile =
          profiles.stream().max(Comparator.comparingLong(RealAgentIngestTest::samples)).get();
      assertThat(profile.tenant()).isEqualTo("demo");
      assertThat(profile.environment()).isEqualTo("agent-test");
      assertThat(profile.version()).isEqualTo("5.0.0");
      assertThat(profile.profileType()).isEqualTo(ProfileType.CPU);
      assertThat(profile.unit()).isEqualTo("samples");
      // The agent samples every 10 ms by default.
      assertThat(profile.periodNanos()).isEqualTo(10_000_000L);
      assertThat(profile.windowEnd()).isAfter(profile.windowStart());
      Map<String, Long> selfByFrame =
          profile.stacks().stream()
              .collect(
                  Collectors.groupingBy(
                      s -> s.frames().get(s.frames().size() - 1),
                      Collectors.summingLong(StackSample::value)));
      String hottest =
          selfByFrame.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      assertThat(hottest).isEqualTo(CpuBurner.class.getName() + ".burnCpu");
      assertThat(selfByFrame.get(hottest)).isGreaterThan(samples(profile) / 2);
      // Root first: the hot method is reached from main.
      assertThat(profile.stacks())
          .filteredOn(s -> s.frames().get(s.frames().size() - 1).equals(hottest))
          .allSatisfy(s -> assertThat(s.frames()).contains(CpuBurner.class.getName() + ".main"));
    }
  }

  static long samples(ProfileCaptured profile) {
    return profile.stacks().stream().mapToLong(StackSample::value).sum();
  }

  static List<SpansReceived> spans(String service) {
    return OtlpIngestTest.kafka().readToEnd(Topics.TELEMETRY_TRACES, "demo/" + service).stream()
        .map(r -> EventJson.read(r.value(), SpansReceived.class))
        .toList();
  }

  static List<MetricsReceived> metrics(String service) {
    return OtlpIngestTest.kafka().readToEnd(Topics.TELEMETRY_METRICS, "demo/" + service).stream()
        .map(r -> EventJson.read(r.value(), MetricsReceived.class))
        .toList();
  }

  static List<ProfileCaptured> profiles(String service) {
    return OtlpIngestTest.kafka().readToEnd(Topics.TELEMETRY_PROFILES, "demo/" + service).stream()
        .map(r -> EventJson.read(r.value(), ProfileCaptured.class))
        .toList();
  }

  /** A GET /orders server span whose seven queries have all arrived (spans come in batches). */
  static Optional<Span> serverSpanWithItsQueries(List<SpansReceived> events) {
    return events.stream()
        .flatMap(e -> e.spans().stream())
        .filter(s -> s.kind() == SpanKind.SERVER)
        .filter(s -> childQueries(events, s).size() >= 7)
        .findFirst();
  }

  static List<Span> childQueries(List<SpansReceived> events, Span parent) {
    return events.stream()
        .flatMap(e -> e.spans().stream())
        .filter(s -> Objects.equals(s.parentSpanId(), parent.spanId()))
        .filter(s -> s.attributes().containsKey("db.query.text"))
        .toList();
  }
}
