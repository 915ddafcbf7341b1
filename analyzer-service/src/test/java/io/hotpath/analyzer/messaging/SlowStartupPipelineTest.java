package io.hotpath.analyzer.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class SlowStartupPipelineTest {
  static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");

  static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static StartupReported report(String service, StartupPhase... phases) {
    return new StartupReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.4.2",
        "pod-1",
        AT,
        StartType.COLD,
        List.of(phases),
        4200L,
        null);
  }

  /** The test JVM's client of the broker the test resource started. */
  static TopicClient kafka() {
    return TopicClient.shared(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  static void produce(StartupReported report) {
    try {
      kafka()
          .send(
              Topics.TELEMETRY_REPORTS,
              "demo/" + report.service(),
              EventJson.mapper().writerFor(TelemetryReport.class).writeValueAsString(report));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
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
  void aSlowStartupPhaseBecomesABottleneckOnTheBottlenecksTopic() {
    String service = uniqueService();
    StartupReported report =
        report(
            service,
            new StartupPhase("class-loading", 400),
            new StartupPhase("Hibernate-Bootstrap", 2300));

    produce(report);

    List<BottleneckDetected> found = awaitBottlenecks(service, 1);
    assertThat(found).hasSize(1);
    BottleneckDetected bottleneck = found.get(0);
    String location = "startup-phase:hibernate-bootstrap";
    String fingerprint =
        Fingerprints.bottleneck("demo", service, BottleneckType.SLOW_STARTUP, location);
    assertThat(bottleneck.type()).isEqualTo(BottleneckType.SLOW_STARTUP);
    assertThat(bottleneck.severity()).isEqualTo(Severity.HIGH);
    assertThat(bottleneck.location()).isEqualTo(location);
    assertThat(bottleneck.fingerprint()).isEqualTo(fingerprint);
    assertThat(bottleneck.eventId()).isEqualTo(EventIds.derived(report.eventId(), fingerprint));
    assertThat(bottleneck.state()).isEqualTo(BottleneckState.ACTIVE);
    assertThat(bottleneck.occurrences()).isEqualTo(1);
    assertThat(bottleneck.impact().value()).isEqualTo(2300.0);
    assertThat(bottleneck.evidence().sourceEventIds()).containsExactly(report.eventId());
    assertThat(bottleneck.eventTime()).isEqualTo(AT);
  }

  @Test
  void anExactRepeatOfAReportIsSkipped() {
    String service = uniqueService();
    StartupReported repeated = report(service, new StartupPhase("db-migrations", 1500));
    // Far enough from the first (more than the 25 % impact band) to be published again.
    StartupReported next = report(service, new StartupPhase("db-migrations", 2500));

    produce(repeated);
    produce(repeated);
    produce(next);

    // Same key, same partition, in order: once next's bottleneck is there, the repeat was handled.
    List<BottleneckDetected> found = awaitBottlenecks(service, 2);
    assertThat(found)
        .extracting(b -> b.evidence().sourceEventIds().get(0))
        .containsExactly(repeated.eventId(), next.eventId());
    assertThat(found.get(1).occurrences()).isEqualTo(2);
    assertThat(found.get(1).fingerprint()).isEqualTo(found.get(0).fingerprint());
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
    String service = uniqueService();
    String key = "demo/" + service;
    StartupReported good = report(service, new StartupPhase("cdi", 1200));

    kafka().send(Topics.TELEMETRY_REPORTS, key, "this is not json");
    kafka()
        .send(
            Topics.TELEMETRY_REPORTS,
            key,
            "{\"kind\": \"startup\", \"eventId\": \"" + UUID.randomUUID() + "\"}");
    produce(good);

    List<BottleneckDetected> found = awaitBottlenecks(service, 1);
    assertThat(found.get(0).evidence().sourceEventIds()).containsExactly(good.eventId());

    List<ConsumerRecord<String, String>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> kafka().readToEnd(Topics.deadLetter(Topics.TELEMETRY_REPORTS), key),
                records -> records.size() >= 2);
    assertThat(dead).extracting(ConsumerRecord::value).first().isEqualTo("this is not json");
    assertThat(dead)
        .allSatisfy(
            record -> {
              Header reason = record.headers().lastHeader("dead-letter-reason");
              assertThat(reason).isNotNull();
              assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
            });
    Header missingField = dead.get(1).headers().lastHeader("dead-letter-reason");
    assertThat(new String(missingField.value(), StandardCharsets.UTF_8)).contains("is required");
  }

  @Test
  void isReadyWhenKafkaIsReachable() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks[0].data.reports-in", equalTo("[OK]"))
        .body("checks[0].data.bottlenecks-out", equalTo("[OK]"));
  }

  @Test
  void countsAnalyzedReportsAndPublishedBottlenecksInPrometheusMetrics() {
    String service = uniqueService();
    produce(report(service, new StartupPhase("jit-warmup", 5000)));
    awaitBottlenecks(service, 1);

    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics)
        .containsPattern(
            "hotpath_analyzer_reports_total\\{[^}]*kind=\"startup\"[^}]*outcome=\"analyzed\"")
        .containsPattern("hotpath_analyzer_bottlenecks_total\\{[^}]*type=\"SLOW_STARTUP\"");
  }

  @Test
  void channelsUseTheContractTopics() {
    var config = ConfigProvider.getConfig();
    assertThat(config.getValue("mp.messaging.incoming.reports-in.topic", String.class))
        .isEqualTo(Topics.TELEMETRY_REPORTS);
    assertThat(
            config.getValue(
                "mp.messaging.incoming.reports-in.dead-letter-queue.topic", String.class))
        .isEqualTo(Topics.deadLetter(Topics.TELEMETRY_REPORTS));
    assertThat(config.getValue("mp.messaging.outgoing.bottlenecks-out.topic", String.class))
        .isEqualTo(Topics.BOTTLENECKS);
  }
}
