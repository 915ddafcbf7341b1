package io.hotpath.analyzer.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class SpanPipelineTest {
  static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
  static final long AT_NANOS = AT.getEpochSecond() * 1_000_000_000L;

  static TopicClient kafka() {
    return TopicClient.shared(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Span span(
      String trace,
      String id,
      String parent,
      String name,
      SpanKind kind,
      int startMs,
      int ms,
      Map<String, String> attributes) {
    long start = AT_NANOS + startMs * 1_000_000L;
    return new Span(
        trace, id, parent, name, kind, start, start + ms * 1_000_000L, SpanStatus.OK, attributes);
  }

  /** One request to GET /orders that loads each order's items with its own query. */
  static SpansReceived nPlusOneTrace(String service) {
    return nPlusOneTrace(service, "/orders");
  }

  /** One request to GET {@code route} that loads each order's items with its own query. */
  static SpansReceived nPlusOneTrace(String service, String route) {
    String trace = UUID.randomUUID().toString().replace("-", "");
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      spans.add(
          span(
              trace,
              "q" + i,
              "root",
              "SELECT shop.order_items",
              SpanKind.CLIENT,
              10 + i * 20,
              20,
              Map.of(
                  "db.system.name",
                  "postgresql",
                  "db.query.text",
                  "SELECT * FROM order_items WHERE order_id = " + (1000 + i))));
    }
    spans.add(
        span(
            trace,
            "root",
            null,
            "GET " + route,
            SpanKind.SERVER,
            0,
            200,
            Map.of("http.request.method", "GET", "http.route", route)));
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "3.1.4",
        "pod-1",
        AT,
        spans);
  }

  static List<BottleneckDetected> awaitBottlenecks(String service, int count) {
    return await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                kafka().readToEnd(Topics.BOTTLENECKS, "demo/" + service).stream()
                    .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                    .toList(),
            found -> found.size() >= count);
  }

  @Test
  void anNPlusOneTraceOnTheTracesTopicBecomesAnNPlusOneBottleneck() {
    String service = uniqueService();
    SpansReceived trace = nPlusOneTrace(service);

    kafka().send(Topics.TELEMETRY_TRACES, "demo/" + service, EventJson.write(trace));

    List<BottleneckDetected> found = awaitBottlenecks(service, 1);
    assertThat(found).hasSize(1);
    BottleneckDetected bottleneck = found.get(0);
    String location =
        "get /orders -> " + SqlNormalizer.location("select * from order_items where order_id = ?");
    String fingerprint =
        Fingerprints.bottleneck("demo", service, BottleneckType.N_PLUS_ONE, location);
    assertThat(bottleneck.type()).isEqualTo(BottleneckType.N_PLUS_ONE);
    assertThat(bottleneck.location()).isEqualTo(location);
    assertThat(bottleneck.fingerprint()).isEqualTo(fingerprint);
    assertThat(bottleneck.eventId()).isEqualTo(EventIds.derived(trace.eventId(), fingerprint));
    assertThat(bottleneck.state()).isEqualTo(BottleneckState.ACTIVE);
    assertThat(bottleneck.impact().value()).isEqualTo(160.0);
    assertThat(bottleneck.evidence().measurements()).containsEntry(EvidenceKeys.REPEATS, 8.0);
    assertThat(bottleneck.evidence().traceIds()).containsExactly(trace.spans().get(0).traceId());
    assertThat(bottleneck.version()).isEqualTo("3.1.4");
  }

  @Test
  void theSameNPlusOneInBatchesSentBackToBackIsPublishedOnce() {
    String service = uniqueService();
    for (int i = 0; i < 5; i++) {
      kafka()
          .send(
              Topics.TELEMETRY_TRACES, "demo/" + service, EventJson.write(nPlusOneTrace(service)));
    }
    // Same key, same partition, in order: once the other route's N+1 is out, the five were handled,
    // whether they came in one poll or while the first one's bottleneck was still being sent.
    kafka()
        .send(
            Topics.TELEMETRY_TRACES,
            "demo/" + service,
            EventJson.write(nPlusOneTrace(service, "/carts")));

    List<BottleneckDetected> found = awaitBottlenecks(service, 2);

    assertThat(found)
        .extracting(BottleneckDetected::location)
        .filteredOn(location -> location.startsWith("get /orders"))
        .hasSize(1);
    assertThat(found)
        .extracting(BottleneckDetected::location)
        .filteredOn(location -> location.startsWith("get /carts"))
        .hasSize(1);
  }

  @Test
  void aPoisonSpanBatchGoesToTheTracesDeadLetterTopicAndTheNextBatchIsStillProcessed() {
    String service = uniqueService();
    String key = "demo/" + service;

    kafka().send(Topics.TELEMETRY_TRACES, key, "{\"spans\": [");
    kafka()
        .send(
            Topics.TELEMETRY_TRACES,
            key,
            EventJson.write(nPlusOneTrace(service))
                .replaceFirst("\"spanId\":\"q0\",", "\"spanId\":null,"));
    kafka().send(Topics.TELEMETRY_TRACES, key, EventJson.write(nPlusOneTrace(service)));

    assertThat(awaitBottlenecks(service, 1))
        .extracting(BottleneckDetected::type)
        .containsExactly(BottleneckType.N_PLUS_ONE);
    List<ConsumerRecord<String, String>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> kafka().readToEnd(Topics.deadLetter(Topics.TELEMETRY_TRACES), key),
                records -> records.size() >= 2);
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo("{\"spans\": [");
    Header reason = dead.get(1).headers().lastHeader("dead-letter-reason");
    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("spanId is required");
  }

  @Test
  void aParseableBatchOfNonsenseIsCountedAndSkippedAndTheNextBatchIsStillProcessed() {
    String service = uniqueService();
    String key = "demo/" + service;
    long fiftyYears = Duration.ofDays(50 * 365).toNanos();
    SpansReceived good = nPlusOneTrace(service);
    SpansReceived from1970 =
        new SpansReceived(
            UUID.randomUUID(),
            good.schemaVersion(),
            good.tenant(),
            good.service(),
            good.environment(),
            good.version(),
            good.instance(),
            good.eventTime(),
            good.spans().stream()
                .map(
                    s ->
                        new Span(
                            s.traceId(),
                            s.spanId(),
                            s.parentSpanId(),
                            s.name(),
                            s.kind(),
                            s.startEpochNanos() - fiftyYears,
                            s.endEpochNanos() - fiftyYears,
                            s.status(),
                            s.attributes()))
                .toList());

    kafka().send(Topics.TELEMETRY_TRACES, key, EventJson.write(from1970));
    kafka().send(Topics.TELEMETRY_TRACES, key, EventJson.write(good));

    List<BottleneckDetected> found = awaitBottlenecks(service, 1);
    assertThat(found)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.type()).isEqualTo(BottleneckType.N_PLUS_ONE);
              assertThat(b.evidence().sourceEventIds()).containsExactly(good.eventId());
            });
    assertThat(kafka().readToEnd(Topics.deadLetter(Topics.TELEMETRY_TRACES), key))
        .as("nonsense that parses is skipped, not dead-lettered")
        .isEmpty();
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern(
            "hotpath_analyzer_skipped_total\\{input=\"spans\",reason=\"implausible-time\"[^}]*} [1-9]");
  }

  @Test
  void poisonOnTheMetricsAndProfilesTopicsGoesToTheirDeadLetterTopics() {
    String key = "demo/" + uniqueService();

    kafka().send(Topics.TELEMETRY_METRICS, key, "not a metrics batch");
    kafka().send(Topics.TELEMETRY_PROFILES, key, "not a profile");

    for (String topic : List.of(Topics.TELEMETRY_METRICS, Topics.TELEMETRY_PROFILES)) {
      List<ConsumerRecord<String, String>> dead =
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> kafka().readToEnd(Topics.deadLetter(topic), key),
                  records -> !records.isEmpty());
      assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }
  }

  @Test
  void everyChannelUsesItsContractTopicAndDeadLetterTopic() {
    var config = ConfigProvider.getConfig();
    Map<String, String> channels =
        Map.of(
            "reports-in", Topics.TELEMETRY_REPORTS,
            "spans-in", Topics.TELEMETRY_TRACES,
            "metrics-in", Topics.TELEMETRY_METRICS,
            "profiles-in", Topics.TELEMETRY_PROFILES);
    channels.forEach(
        (channel, topic) -> {
          String prefix = "mp.messaging.incoming." + channel + ".";
          assertThat(config.getValue(prefix + "topic", String.class)).isEqualTo(topic);
          assertThat(config.getValue(prefix + "group.id", String.class))
              .isEqualTo("hotpath-analyzer");
          assertThat(config.getValue(prefix + "dead-letter-queue.topic", String.class))
              .isEqualTo(Topics.deadLetter(topic));
        });
  }
}
